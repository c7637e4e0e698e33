import Testing

@testable import SIPEndpoint

@Suite struct SIPInfoDTMFTests {
    private func parse(_ type: String?, _ body: String) -> SIPInfoDTMF.Outcome {
        SIPInfoDTMF.parse(contentType: type, body: Array(body.utf8))
    }

    @Test func dtmfRelayBodies() {
        #expect(parse("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n") == .digit("5"))
        #expect(parse("Application/DTMF-Relay; charset=utf-8", "Duration=100\nsignal = *\n") == .digit("*"))
        #expect(parse("application/dtmf-relay", "Signal=11\r\n") == .digit("#"))
        #expect(parse("application/dtmf-relay", "Signal=a\r\n") == .digit("A"))
    }

    @Test func plainDTMFBodies() {
        #expect(parse("application/dtmf", "7\r\n") == .digit("7"))
        #expect(parse("application/dtmf", "10") == .digit("*"))
    }

    @Test func badBodiesAndOtherTypes() {
        #expect(parse("application/dtmf-relay", "Duration=160\r\n") == .malformed)
        #expect(parse("application/dtmf-relay", "Signal=55\r\n") == .malformed)
        #expect(parse("application/dtmf", "x") == .malformed)
        #expect(parse("application/media_control+xml", "<x/>") == .unsupportedContentType)
        #expect(parse(nil, "") == .unsupportedContentType)
        #expect(SIPInfoDTMF.parse(contentType: "application/dtmf", body: [0xFF, 0xFE]) == .malformed)
    }
}
