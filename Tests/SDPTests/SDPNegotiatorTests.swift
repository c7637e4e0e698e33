import Testing
@testable import SDP

/// Answers to real-world offers, outbound offers and answer processing.
@Suite struct SDPNegotiatorTests {
    static let configuration = SDPNegotiator.Configuration(localAddress: "203.0.113.5", sessionID: "1700000000")

    @Test("baresip PCMU offer: PCMU chosen, telephone-event 101 kept, answer serializes and re-parses")
    func baresip() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let answer = try negotiator.answer(toOffer: SessionDescription(parsing: SDPFixtures.baresipOffer),
                                           localPort: 20000)
        #expect(answer.media == NegotiatedMedia(
            remoteAddress: "192.168.1.20", remotePort: 10008, remoteRTCPPort: 10009, rtcpMux: false,
            payloadType: 0, encodingName: "PCMU", clockRate: 8000, telephoneEventPayloadType: 101, ptime: 20,
            direction: .sendrecv, isRemoteHold: false))
        let text = answer.description.serialize()
        #expect(text == """
            v=0\r
            o=Switchboard 1700000000 1700000000 IN IP4 203.0.113.5\r
            s=Switchboard\r
            c=IN IP4 203.0.113.5\r
            t=0 0\r
            m=audio 20000 RTP/AVP 0 101\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-15\r
            a=ptime:20\r
            a=sendrecv\r

            """)
        #expect(try SessionDescription(parsing: text) == answer.description)
    }

    @Test("sipp RTP/AVP 8 101 offer: server preference PCMU is absent so PCMA is chosen")
    func sipp() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let answer = try negotiator.answer(toOffer: SessionDescription(parsing: SDPFixtures.sippOffer),
                                           localPort: 20002)
        #expect(answer.media.payloadType == 8)
        #expect(answer.media.encodingName == "PCMA")
        #expect(answer.media.telephoneEventPayloadType == 101)
        #expect(answer.description.media[0].formats == ["8", "101"])
        #expect(answer.description.media[0].formatParameters(for: 101) == "0-11,16")
    }

    @Test("local preference wins over offer order (FreeSWITCH default)")
    func localPreference() throws {
        let offer = try SessionDescription(parsing: "v=0\no=- 1 1 IN IP4 10.1.1.1\ns=-\nc=IN IP4 10.1.1.1\nt=0 0\n"
            + "m=audio 7000 RTP/AVP 8 0 9\n")
        var pcmaFirst = SDPNegotiator(configuration: .init(localAddress: "10.2.2.2", codecs: [.pcmu, .pcma],
                                                           sessionID: "1"))
        #expect(try pcmaFirst.answer(toOffer: offer, localPort: 1).media.encodingName == "PCMU")
        var g722First = SDPNegotiator(configuration: .init(localAddress: "10.2.2.2", codecs: [.g722, .pcma],
                                                           sessionID: "1"))
        #expect(try g722First.answer(toOffer: offer, localPort: 1).media.payloadType == 9)
    }

    @Test("dynamic telephone-event payload type of the offerer is kept")
    func dynamicTelephoneEvent() throws {
        let offer = try SessionDescription(parsing: "v=0\no=- 1 1 IN IP4 10.1.1.1\ns=-\nc=IN IP4 10.1.1.1\nt=0 0\n"
            + "m=audio 7000 RTP/AVP 0 96\na=rtpmap:96 telephone-event/8000\na=ptime:30\n")
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let answer = try negotiator.answer(toOffer: offer, localPort: 1)
        #expect(answer.media.telephoneEventPayloadType == 96)
        #expect(answer.media.ptime == 30)
        #expect(answer.description.media[0].formats == ["0", "96"])
        #expect(answer.description.media[0].formatParameters(for: 96) == "0-16")
    }

    @Test("no common codec fails with 488")
    func noCommonCodec() throws {
        let offer = try SessionDescription(parsing: "v=0\no=- 1 1 IN IP4 10.1.1.1\ns=-\nc=IN IP4 10.1.1.1\nt=0 0\n"
            + "m=audio 7000 RTP/AVP 18 3\nm=video 7002 RTP/AVP 31\n")
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        #expect(throws: SDPNegotiationError.noCompatibleMedia) {
            try negotiator.answer(toOffer: offer, localPort: 1)
        }
        #expect(SDPNegotiationError.noCompatibleMedia.sipStatus == 488)
        #expect(negotiator.localDescription == nil)
    }

    @Test("Chrome SAVPF offer is 488 until SRTP is supported; accepted when the profile is allowed")
    func chromeProfile() throws {
        let offer = try SessionDescription(parsing: SDPFixtures.chromeOffer)
        var plain = SDPNegotiator(configuration: Self.configuration)
        #expect(throws: SDPNegotiationError.noCompatibleMedia) { try plain.answer(toOffer: offer, localPort: 1) }
        var config = Self.configuration
        config.supportedProtocols = ["UDP/TLS/RTP/SAVPF"]
        var webrtc = SDPNegotiator(configuration: config)
        let answer = try webrtc.answer(toOffer: offer, localPort: 1)
        #expect(answer.media.payloadType == 0)
        #expect(answer.media.telephoneEventPayloadType == 126)
        #expect(answer.media.rtcpMux)
        #expect(answer.media.remoteRTCPPort == 9)
        #expect(answer.description.media[0].rtcpMux)
    }

    @Test("hold / unhold re-offers from baresip")
    func holdUnhold() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let active = try negotiator.answer(toOffer: SessionDescription(parsing: SDPFixtures.baresipOffer),
                                           localPort: 20000)
        #expect(!active.media.isRemoteHold)
        let holdText = SDPFixtures.baresipOffer.replacingFirst("a=sendrecv", with: "a=sendonly")
        let held = try negotiator.answer(toOffer: SessionDescription(parsing: holdText), localPort: 20000)
        #expect(held.media.isRemoteHold)
        #expect(held.media.direction == .recvonly)
        #expect(held.description.origin.sessionVersion == active.description.origin.sessionVersion + 1)
        let resumed = try negotiator.answer(toOffer: SessionDescription(parsing: SDPFixtures.baresipOffer),
                                            localPort: 20000)
        #expect(!resumed.media.isRemoteHold)
        #expect(resumed.media.direction == .sendrecv)
        #expect(resumed.description.origin.sessionVersion == active.description.origin.sessionVersion + 2)
    }

    @Test("outbound offer lists codecs in preference order plus telephone-event")
    func makeOffer() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let offer = negotiator.makeOffer(localPort: 30000)
        #expect(offer.media[0].formats == ["0", "8", "101"])
        #expect(offer.media[0].formatParameters(for: 101) == "0-16")
        #expect(offer.media[0].explicitDirection == .sendrecv)
        #expect(try SessionDescription(parsing: offer.serialize()) == offer)
        let again = negotiator.makeOffer(localPort: 30000)
        #expect(again.origin.sessionVersion == offer.origin.sessionVersion)
        let hold = negotiator.makeOffer(localPort: 30000, direction: .sendonly)
        #expect(hold.origin.sessionVersion == offer.origin.sessionVersion + 1)
        #expect(hold.media[0].explicitDirection == .sendonly)
    }

    @Test("answer to our offer: answerer's choice and its address are used")
    func receivedAnswer() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        _ = negotiator.makeOffer(localPort: 30000)
        let answer = try SessionDescription(parsing: "v=0\no=peer 5 5 IN IP4 198.51.100.7\ns=-\n"
            + "c=IN IP4 198.51.100.7\nt=0 0\nm=audio 40000 RTP/AVP 8 101\na=rtpmap:101 telephone-event/8000\n"
            + "a=rtcp:40005\na=ptime:40\na=recvonly\n")
        let media = try negotiator.receivedAnswer(answer)
        #expect(media == NegotiatedMedia(
            remoteAddress: "198.51.100.7", remotePort: 40000, remoteRTCPPort: 40005, rtcpMux: false,
            payloadType: 8, encodingName: "PCMA", clockRate: 8000, telephoneEventPayloadType: 101, ptime: 40,
            direction: .sendonly, isRemoteHold: false))
        #expect(negotiator.pendingOffer == nil)
        #expect(throws: SDPNegotiationError.noOutstandingOffer) { try negotiator.receivedAnswer(answer) }
    }

    @Test("answers that reject audio or change the m-line count are errors")
    func badAnswers() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        _ = negotiator.makeOffer(localPort: 30000)
        let rejected = try SessionDescription(parsing: "v=0\no=p 1 1 IN IP4 1.1.1.1\ns=-\nc=IN IP4 1.1.1.1\n"
            + "t=0 0\nm=audio 0 RTP/AVP 0\n")
        #expect(throws: SDPNegotiationError.noCompatibleMedia) { try negotiator.receivedAnswer(rejected) }
        let two = try SessionDescription(parsing: "v=0\no=p 1 1 IN IP4 1.1.1.1\ns=-\nc=IN IP4 1.1.1.1\n"
            + "t=0 0\nm=audio 5 RTP/AVP 0\nm=video 0 RTP/AVP 31\n")
        #expect(throws: SDPNegotiationError.mediaCountMismatch) { try negotiator.receivedAnswer(two) }
        let foreign = try SessionDescription(parsing: "v=0\no=p 1 1 IN IP4 1.1.1.1\ns=-\nc=IN IP4 1.1.1.1\n"
            + "t=0 0\nm=audio 5 RTP/AVP 18\n")
        #expect(throws: SDPNegotiationError.noCompatibleMedia) { try negotiator.receivedAnswer(foreign) }
    }
}
