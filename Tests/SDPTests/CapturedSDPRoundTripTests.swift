import Testing
@testable import SDP

/// RFC 8866: every captured description parses and serializes back byte for byte.
@Suite struct CapturedSDPRoundTripTests {
    @Test("captured SDP round-trips verbatim", arguments: CapturedSDP.all)
    func roundTrip(fixture: String) throws {
        let text = try CapturedSDP.text(fixture)
        let sdp = try SessionDescription(parsing: text)
        #expect(sdp.serialize() == text)
        #expect(sdp.media.first?.media == "audio")
    }

    @Test("an answer we wrote re-parses to the same value and answers the same again (idempotent o= version)",
          arguments: CapturedSDP.offers)
    func answerRoundTrip(fixture: String) throws {
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "203.0.113.5", sessionID: "7"))
        let offer = try CapturedSDP.parsed(fixture)
        let first = try negotiator.answer(toOffer: offer, localPort: 40000, webRTC: CapturedSDP.transport())
        #expect(try SessionDescription(parsing: first.description.serialize()) == first.description)
        let second = try negotiator.answer(toOffer: offer, localPort: 40000, webRTC: CapturedSDP.transport())
        #expect(second.description == first.description)
    }
}
