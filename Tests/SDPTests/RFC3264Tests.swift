import Testing
@testable import SDP

/// RFC 3264 offer/answer rules and the §10 examples.
@Suite struct RFC3264Tests {
    /// RFC 3264 §10.1: Alice's offer (one audio and two video streams).
    static let aliceOffer = """
        v=0\r
        o=alice 2890844526 2890844526 IN IP4 host.anywhere.com\r
        s=\r
        c=IN IP4 host.anywhere.com\r
        t=0 0\r
        m=audio 49170 RTP/AVP 0\r
        a=rtpmap:0 PCMU/8000\r
        m=video 51372 RTP/AVP 31\r
        a=rtpmap:31 H261/90000\r
        m=video 53000 RTP/AVP 32\r
        a=rtpmap:32 MPV/90000\r

        """

    /// RFC 3264 §10.1: Bob's answer declining the first video stream with port 0.
    static let bobAnswer = """
        v=0\r
        o=bob 2890844730 2890844730 IN IP4 host.example.com\r
        s=\r
        c=IN IP4 host.example.com\r
        t=0 0\r
        m=audio 49920 RTP/AVP 0\r
        a=rtpmap:0 PCMU/8000\r
        m=video 0 RTP/AVP 31\r
        m=video 53000 RTP/AVP 32\r
        a=rtpmap:32 MPV/90000\r

        """

    /// RFC 3264 §10.1: Bob's re-offer (version +1) adding a recvonly telephone-events stream.
    static let bobReoffer = """
        v=0\r
        o=bob 2890844730 2890844731 IN IP4 host.example.com\r
        s=\r
        c=IN IP4 host.example.com\r
        t=0 0\r
        m=audio 65422 RTP/AVP 0\r
        a=rtpmap:0 PCMU/8000\r
        m=video 0 RTP/AVP 31\r
        m=video 53000 RTP/AVP 32\r
        a=rtpmap:32 MPV/90000\r
        m=audio 51434 RTP/AVP 110\r
        a=rtpmap:110 telephone-events/8000\r
        a=recvonly\r

        """

    @Test("§10.1 example bodies round-trip and carry the stated values")
    func section10_1RoundTrip() throws {
        for text in [Self.aliceOffer, Self.bobAnswer, Self.bobReoffer] {
            #expect(try SessionDescription(parsing: text).serialize() == text)
        }
        let answer = try SessionDescription(parsing: Self.bobAnswer)
        #expect(answer.sessionName == "")
        #expect(answer.media.map(\.port) == [49920, 0, 53000])
        let reoffer = try SessionDescription(parsing: Self.bobReoffer)
        #expect(reoffer.origin.sessionVersion == answer.origin.sessionVersion + 1)
        #expect(reoffer.origin.sessionID == answer.origin.sessionID)
        #expect(reoffer.effectiveDirection(for: reoffer.media[3]) == .recvonly)
    }

    @Test("§10.1: Alice's offer answered by an audio-only server: videos rejected with port 0, m-line count kept")
    func section10_1AnswerRejectsVideo() throws {
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "192.0.2.10", sessionID: "1000"))
        let result = try negotiator.answer(toOffer: SessionDescription(parsing: Self.aliceOffer), localPort: 49920)
        let media = result.description.media
        #expect(media.count == 3)
        #expect(media.map(\.port) == [49920, 0, 0])
        #expect(media[1].media == "video" && media[1].formats == ["31"])
        #expect(media[2].formats == ["32"])
        #expect(media[0].formats == ["0"])
        #expect(result.media.remoteAddress == "host.anywhere.com")
        #expect(result.media.remotePort == 49170)
        #expect(result.media.remoteRTCPPort == 49171)
        #expect(result.media.telephoneEventPayloadType == nil)
    }

    @Test("§10.1: a recvonly telephone-events-only audio stream gets no codec and is rejected")
    func section10_1SecondAudioStream() throws {
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "192.0.2.10", sessionID: "1000"))
        let result = try negotiator.answer(toOffer: SessionDescription(parsing: Self.bobReoffer), localPort: 4000)
        #expect(result.description.media.map(\.port) == [4000, 0, 0, 0])
        #expect(result.media.remotePort == 65422)
    }

    @Test("§6.1: answer direction is the reverse of the offered direction", arguments: [
        (SDPMediaDirection.sendrecv, SDPMediaDirection.sendrecv),
        (.sendonly, .recvonly),
        (.recvonly, .sendonly),
        (.inactive, .inactive),
    ])
    func answerDirection(offered: SDPMediaDirection, expected: SDPMediaDirection) throws {
        let offer = try SessionDescription(parsing: SDPFixtures.sippOffer + "a=\(offered.rawValue)\r\n")
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "192.0.2.10", sessionID: "7"))
        let result = try negotiator.answer(toOffer: offer, localPort: 5000)
        #expect(result.description.media[0].explicitDirection == expected)
        #expect(result.media.direction == expected)
        #expect(result.media.isRemoteHold == (offered == .sendonly || offered == .inactive))
    }

    @Test("§6.1: our own hold intent is intersected with the offer")
    func localHoldIntersects() throws {
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "192.0.2.10", sessionID: "7"))
        let offer = try SessionDescription(parsing: SDPFixtures.sippOffer)
        let held = try negotiator.answer(toOffer: offer, localPort: 5000, localDirection: .sendonly)
        #expect(held.media.direction == .sendonly)
        let offerRecvonly = try SessionDescription(parsing: SDPFixtures.sippOffer + "a=recvonly\r\n")
        let both = try negotiator.answer(toOffer: offerRecvonly, localPort: 5000, localDirection: .recvonly)
        #expect(both.media.direction == .inactive)
    }

    @Test("§8.4: legacy c=0.0.0.0 hold is detected and answered without sending")
    func legacyNullAddressHold() throws {
        let text = SDPFixtures.sippOffer.replacingFirst("c=IN IP4 10.0.0.5", with: "c=IN IP4 0.0.0.0")
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "192.0.2.10", sessionID: "7"))
        let result = try negotiator.answer(toOffer: SessionDescription(parsing: text), localPort: 5000)
        #expect(result.media.isRemoteHold)
        #expect(result.media.direction == .recvonly)
    }

    @Test("§8: o= version increments only when our description changes; session id is stable")
    func versionRules() throws {
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "192.0.2.10", sessionID: "424242"))
        let offer = try SessionDescription(parsing: SDPFixtures.sippOffer)
        let first = try negotiator.answer(toOffer: offer, localPort: 5000).description
        let same = try negotiator.answer(toOffer: offer, localPort: 5000).description
        #expect(same.origin.sessionVersion == first.origin.sessionVersion)
        #expect(same == first)
        let hold = try SessionDescription(parsing: SDPFixtures.sippOffer + "a=sendonly\r\n")
        let held = try negotiator.answer(toOffer: hold, localPort: 5000).description
        #expect(held.origin.sessionVersion == first.origin.sessionVersion + 1)
        #expect(held.origin.sessionID == "424242")
        let unheld = try negotiator.answer(toOffer: offer, localPort: 5000).description
        #expect(unheld.origin.sessionVersion == first.origin.sessionVersion + 2)
        #expect(unheld.media == first.media)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                return String(self[..<index]) + replacement + String(self[self.index(index, offsetBy: target.count)...])
            }
            index = self.index(after: index)
        }
        return self
    }
}
