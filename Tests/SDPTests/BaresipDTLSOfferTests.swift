import Testing
@testable import SDP

/// baresip 1.0.0 with Opus and `mediaenc=dtls_srtp` (captured, see Fixtures/README.md). Without `medianat=ice`
/// it offers `UDP/TLS/RTP/SAVPF` with a fingerprint and `a=setup:actpass` but no ICE credentials and (by default)
/// no `a=rtcp-mux`: the WebRTC profile refuses that with 488, because the ICE-lite media side learns the peer's
/// address only from ICE connectivity checks.
@Suite struct BaresipDTLSOfferTests {
    static func answer(_ text: String) throws(SDPNegotiationError) -> SDPAnswer {
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "203.0.113.5", sessionID: "1700000000"))
        let offer: SessionDescription
        do { offer = try SessionDescription(parsing: text) } catch { fatalError("unparsable fixture: \(error)") }
        return try negotiator.answer(toOffer: offer, localPort: 40000, webRTC: CapturedSDP.transport())
    }

    @Test("dtls_srtp without ICE: refused for the missing ICE credentials (488)")
    func withoutICE() throws {
        let text = try CapturedSDP.text(CapturedSDP.baresipOfferDTLSSRTP)
        #expect(!text.contains("a=ice-ufrag") && !text.contains("a=rtcp-mux"))
        #expect(throws: SDPNegotiationError.missingICECredentials) { try Self.answer(text) }
        #expect(SDPNegotiationError.missingICECredentials.sipStatus == 488)
    }

    @Test("the same offer with ICE credentials added still lacks rtcp-mux: refused with rtcpMuxRequired")
    func withICEButNoMux() throws {
        let text = try CapturedSDP.text(CapturedSDP.baresipOfferDTLSSRTP)
            .replacingOccurrences(of: "a=setup:actpass\r\n",
                                  with: "a=ice-ufrag:0I11ptw\r\na=ice-pwd:tFW9HqYKA0kV2F9bP0Q5WN2WyqMFCOC\r\na=setup:actpass\r\n")
        #expect(throws: SDPNegotiationError.rtcpMuxRequired) { try Self.answer(text) }
    }

    @Test("dtls_srtp with medianat=ice and rtcp_mux: answered (Opus 96, our DTLS role active, its ICE)")
    func withICEAndMux() throws {
        let answer = try Self.answer(CapturedSDP.text(CapturedSDP.baresipOfferDTLSSRTPICE))
        let media = answer.media
        #expect(media.isWebRTC && media.rtcpMux)
        #expect((media.payloadType, media.encodingName, media.channels) == (96, "opus", "2"))
        #expect(media.telephoneEventPayloadType == 101)
        let webRTC = try #require(media.webRTC)
        #expect(webRTC.remoteICE.ufrag.isEmpty == false)
        #expect(webRTC.remoteICE.candidates.count == 2)
        #expect(webRTC.remoteFingerprints.map(\.hashFunction).map { $0.lowercased() } == ["sha-256"])
        #expect(webRTC.remoteSetup == .actpass)
        #expect(webRTC.localSetup == .active)
        #expect(answer.description.media[0].proto == "UDP/TLS/RTP/SAVPF")
    }
}
