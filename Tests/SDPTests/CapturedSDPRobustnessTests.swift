import Testing
@testable import SDP

/// Peer input never traps: with a WebRTC transport, every single-line deletion or corruption of the
/// captured offers either parses and is answered, or fails with a typed error.
@Suite struct CapturedSDPRobustnessTests {
    @Test("dropping a line or the middle character of a line never traps the WebRTC answer",
          arguments: CapturedSDP.offers)
    func mutations(fixture: String) throws {
        let lines = try CapturedSDP.text(fixture).components(separatedBy: "\r\n")
        var answered = 0
        var refused = 0
        for index in lines.indices {
            var dropped = lines
            dropped.remove(at: index)
            var corrupted = lines
            if corrupted[index].count > 2 {
                corrupted[index].remove(at: corrupted[index].index(corrupted[index].startIndex,
                                                                  offsetBy: corrupted[index].count / 2))
            }
            for variant in [dropped, corrupted] {
                guard let sdp = try? SessionDescription(parsing: variant.joined(separator: "\r\n")) else { continue }
                var negotiator = SDPNegotiator(configuration: .init(localAddress: "192.0.2.1", sessionID: "1"))
                let answer: SDPAnswer
                do {
                    answer = try negotiator.answer(toOffer: sdp, localPort: 4000, webRTC: CapturedSDP.transport())
                } catch {
                    #expect(error.sipStatus == 488)
                    refused += 1
                    continue
                }
                #expect(try SessionDescription(parsing: answer.description.serialize()) == answer.description)
                answered += 1
            }
        }
        #expect(answered > 0)
        #expect(refused > 0)
    }
}
