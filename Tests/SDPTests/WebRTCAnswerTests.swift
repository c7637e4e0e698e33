import Testing
@testable import SDP

/// Answering real browser and aiortc offers (RFC 8829 JSEP §5.3, RFC 8839, RFC 8842, RFC 8843, RFC 7587).
@Suite struct WebRTCAnswerTests {
    static let configuration = SDPNegotiator.Configuration(localAddress: "203.0.113.5", sessionID: "1700000000")

    static func answer(
        _ name: String, configuration: SDPNegotiator.Configuration = configuration
    ) throws -> SDPAnswer {
        var negotiator = SDPNegotiator(configuration: configuration)
        return try negotiator.answer(toOffer: CapturedSDP.parsed(name), localPort: 40000,
                                     webRTC: CapturedSDP.transport())
    }

    @Test("Chromium 156 offer: the whole answer, byte for byte")
    func chromiumGolden() throws {
        let answer = try Self.answer(CapturedSDP.chromiumOffer)
        #expect(answer.description.serialize() == """
            v=0\r
            o=Switchboard 1700000000 1700000000 IN IP4 203.0.113.5\r
            s=Switchboard\r
            c=IN IP4 203.0.113.5\r
            t=0 0\r
            a=ice-lite\r
            a=group:BUNDLE 0\r
            m=audio 40000 UDP/TLS/RTP/SAVPF 111 110\r
            a=mid:0\r
            a=ice-ufrag:Sb3xKq9Z\r
            a=ice-pwd:9fQmV2a7Lw0pXrT4yN8sB1cE\r
            a=fingerprint:\(CapturedSDP.ourFingerprint.attributeValue)\r
            a=setup:active\r
            a=rtcp-mux\r
            a=rtpmap:111 opus/48000/2\r
            a=rtpmap:110 telephone-event/48000\r
            a=fmtp:111 minptime=10;useinbandfec=1\r
            a=fmtp:110 0-16\r
            a=ptime:20\r
            a=sendrecv\r
            a=candidate:1 1 udp 2130706431 203.0.113.5 40000 typ host\r
            a=end-of-candidates\r

            """)
    }

    @Test("Chromium 156 offer: NegotiatedMedia carries codec, events, mid, ICE, fingerprint and our DTLS role")
    func chromiumNegotiated() throws {
        let media = try Self.answer(CapturedSDP.chromiumOffer).media
        #expect(media.isWebRTC)
        #expect(media.proto == "UDP/TLS/RTP/SAVPF")
        #expect((media.payloadType, media.encodingName, media.clockRate) == (111, "opus", 48000))
        #expect(media.channels == "2")
        #expect(media.formatParameters == "minptime=10;useinbandfec=1")
        #expect(media.telephoneEventPayloadType == 110)
        #expect(media.telephoneEventClockRate == 48000)
        #expect(media.mid == "0")
        #expect(media.rtcpMux)
        #expect(media.direction == .sendrecv)
        #expect(!media.isRemoteHold)
        let webRTC = try #require(media.webRTC)
        #expect(webRTC.remoteICE.ufrag == "1CkQ")
        #expect(webRTC.remoteICE.pwd == "gLDkmhFEQiGqr49q9t5/kHce")
        #expect(webRTC.remoteICE.options == ["trickle"])
        #expect(!webRTC.remoteICE.isLite)
        #expect(webRTC.remoteICE.candidates.count == 8)
        #expect(webRTC.remoteICE.candidates.first?.hasSuffix("127.0.0.1 35288 typ host generation 0 network-id 3 network-cost 50") == true)
        #expect(!webRTC.remoteICE.endOfCandidates)
        #expect(webRTC.remoteFingerprints.map(\.attributeValue) == [
            "sha-256 C6:9D:51:A9:37:B4:27:6A:FC:1B:E7:6B:77:70:D5:B2:48:F6:ED:68:D9:E9:93:6C:29:BC:68:E4:81:97:B8:23"])
        #expect(webRTC.remoteSetup == .actpass)
        #expect(webRTC.localSetup == .active)
        #expect(webRTC.isDTLSClient)
    }

    @Test("the peer's rtcp-fb, extmap, ssrc, msid, rtcp-rsize, rtcp-xr and ice-options are not echoed",
          arguments: CapturedSDP.offers)
    func notEchoed(fixture: String) throws {
        let text = try Self.answer(fixture).description.serialize()
        for name in ["rtcp-fb", "extmap", "ssrc", "msid", "rtcp-rsize", "rtcp-xr", "ice-options", "extmap-allow-mixed",
                     "msid-semantic", "rtcp:"] {
            #expect(!text.contains("a=\(name)"), "a=\(name) echoed for \(fixture)")
        }
    }

    @Test("every captured offer is answered as WebRTC with ICE-lite, BUNDLE of the audio mid and our transport",
          arguments: CapturedSDP.offers)
    func everyOffer(fixture: String) throws {
        let answer = try Self.answer(fixture)
        let offer = try CapturedSDP.parsed(fixture)
        #expect(answer.description.media.count == offer.media.count)
        #expect(answer.description.hasAttribute("ice-lite"))
        #expect(answer.description.bundleGroups == [["0"]])
        let audio = answer.description.media[0]
        #expect(audio.proto == offer.media[0].proto)
        #expect(audio.attributeValue("mid") == "0")
        #expect(audio.attributeValue("setup") == "active")
        #expect(audio.attributeValue("ice-ufrag") == "Sb3xKq9Z")
        #expect(audio.attributeValue("ice-pwd") == "9fQmV2a7Lw0pXrT4yN8sB1cE")
        #expect(audio.attributeValues("fingerprint") == [CapturedSDP.ourFingerprint.attributeValue])
        #expect(audio.rtcpMux)
        #expect(audio.hasAttribute("end-of-candidates"))
        #expect(audio.attributeValues("candidate").count == 1)
        #expect(answer.media.encodingName == "opus")
        #expect(answer.media.webRTC?.localSetup == .active)
        #expect(try SessionDescription(parsing: answer.description.serialize()) == answer.description)
    }

    @Test("aiortc 1.16 offer: Opus PT 96 without fmtp, no telephone-event, three fingerprints, end-of-candidates")
    func aiortc() throws {
        let answer = try Self.answer(CapturedSDP.aiortcOffer)
        let media = answer.media
        #expect((media.payloadType, media.encodingName, media.channels) == (96, "opus", "2"))
        #expect(media.formatParameters == "minptime=10;useinbandfec=1")
        #expect(media.telephoneEventPayloadType == nil)
        #expect(answer.description.media[0].formats == ["96"])
        #expect(answer.description.media[0].formatParameters(for: 96) == "minptime=10;useinbandfec=1")
        let webRTC = try #require(media.webRTC)
        #expect(webRTC.remoteFingerprints.map(\.hashFunction) == ["sha-256", "sha-384", "sha-512"])
        #expect(webRTC.remoteFingerprints.map(\.digest.count) == [32, 48, 64])
        #expect(webRTC.remoteICE.ufrag == "W3Nh")
        #expect(webRTC.remoteICE.pwd == "UmGmgdL6y8fCBVfxIXDLUR")
        #expect(webRTC.remoteICE.candidates.count == 1)
        #expect(webRTC.remoteICE.endOfCandidates)
        #expect(media.remoteAddress == "127.0.0.1")
    }

    @Test("video m-lines (aiortc, Chromium max-bundle) are rejected with port 0, keep their mid, stay out of BUNDLE",
          arguments: [CapturedSDP.aiortcOfferAudioVideo, CapturedSDP.chromiumOfferMaxBundleVideo])
    func videoRejected(fixture: String) throws {
        let offer = try CapturedSDP.parsed(fixture)
        #expect(offer.bundleGroups == [["0", "1"]])
        let answer = try Self.answer(fixture)
        let video = answer.description.media[1]
        #expect(video.media == "video")
        #expect(video.port == 0)
        #expect(video.proto == offer.media[1].proto)
        #expect(video.attributes == [SDPAttribute("mid", "1")])
        #expect(answer.description.bundleGroups == [["0"]])
        #expect(answer.media.mid == "0")
    }

    @Test("a data channel m=application (aiortc) is rejected with port 0 and kept out of BUNDLE")
    func dataChannelRejected() throws {
        let answer = try Self.answer(CapturedSDP.aiortcOfferAudioDataChannel)
        let application = answer.description.media[1]
        #expect(application.serializeMediaLine() == "application 0 UDP/DTLS/SCTP webrtc-datachannel")
        #expect(application.attributes == [SDPAttribute("mid", "1")])
        #expect(answer.description.bundleGroups == [["0"]])
        #expect(!answer.description.serialize().contains("sctp-port"))
    }

    @Test("WebRTC codec preference is the caller's: G.711 first picks PCMU and telephone-event/8000")
    func g711Preference() throws {
        var configuration = Self.configuration
        configuration.webRTCCodecs = [.pcmu, .opus]
        let answer = try Self.answer(CapturedSDP.chromiumOffer, configuration: configuration)
        #expect((answer.media.payloadType, answer.media.encodingName) == (0, "PCMU"))
        #expect(answer.media.telephoneEventPayloadType == 126)
        #expect(answer.media.telephoneEventClockRate == 8000)
        #expect(answer.description.media[0].formats == ["0", "126"])
    }

    @Test("Opus with only telephone-event/8000 offered: the 8000 Hz events are answered")
    func eventFallback() throws {
        let text = try CapturedSDP.text(CapturedSDP.chromiumOffer)
            .replacingOccurrences(of: " 110 126\r\n", with: " 126\r\n")
            .replacingOccurrences(of: "a=rtpmap:110 telephone-event/48000\r\n", with: "")
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let answer = try negotiator.answer(toOffer: SessionDescription(parsing: text), localPort: 40000,
                                           webRTC: CapturedSDP.transport())
        #expect(answer.media.encodingName == "opus")
        #expect(answer.media.telephoneEventPayloadType == 126)
        #expect(answer.media.telephoneEventClockRate == 8000)
    }

    @Test("mDNS host candidates and c=0.0.0.0 (trickle) are fine: no hold, candidates kept verbatim")
    func mdnsAndNullConnection() throws {
        let text = try CapturedSDP.text(CapturedSDP.chromiumOffer)
            .replacingOccurrences(of: "c=IN IP4 127.0.0.1", with: "c=IN IP4 0.0.0.0")
            .replacingOccurrences(of: " 127.0.0.1 35288 ", with: " 5f0c2a8e-3b9d-4c1a-9e7f-2d6b8a4c0e13.local 35288 ")
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let answer = try negotiator.answer(toOffer: SessionDescription(parsing: text), localPort: 40000,
                                           webRTC: CapturedSDP.transport())
        #expect(!answer.media.isRemoteHold)
        #expect(answer.media.direction == .sendrecv)
        #expect(answer.media.webRTC?.remoteICE.candidates.first?.contains(".local 35288") == true)
    }

    @Test("a bundle-only audio section (port 0, RFC 8843 §6) is accepted on its group's transport")
    func bundleOnlyAudio() throws {
        let text = """
            v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE v a\r\n\
            a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\n\
            a=fingerprint:sha-256 \(Array(repeating: "AB", count: 32).joined(separator: ":"))\r\n\
            m=video 50000 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 198.51.100.7\r\na=mid:v\r\na=rtcp-mux\r\n\
            a=setup:actpass\r\na=rtpmap:96 VP8/90000\r\n\
            m=audio 0 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 198.51.100.7\r\na=bundle-only\r\na=mid:a\r\na=rtcp-mux\r\n\
            a=setup:actpass\r\na=rtpmap:111 opus/48000/2\r\n
            """
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let answer = try negotiator.answer(toOffer: SessionDescription(parsing: text), localPort: 40000,
                                           webRTC: CapturedSDP.transport())
        #expect(answer.media.mid == "a")
        #expect(answer.media.remotePort == 50000)
        #expect(answer.media.webRTC?.remoteICE.ufrag == "abcd")
        #expect(answer.description.media.map(\.port) == [0, 40000])
        #expect(answer.description.bundleGroups == [["a"]])
    }

    @Test("a plain SIP offer gets exactly the same answer with or without a WebRTC transport")
    func plainUnchanged() throws {
        for fixture in [SDPFixtures.baresipOffer, SDPFixtures.sippOffer] {
            let offer = try SessionDescription(parsing: fixture)
            var plain = SDPNegotiator(configuration: Self.configuration)
            var withTransport = SDPNegotiator(configuration: Self.configuration)
            let a = try plain.answer(toOffer: offer, localPort: 20000)
            let b = try withTransport.answer(toOffer: offer, localPort: 20000, webRTC: CapturedSDP.transport())
            #expect(a == b)
            #expect(!b.media.isWebRTC)
            #expect(b.media.proto == "RTP/AVP")
        }
    }

    @Test("a WebRTC offer without our transport keeps today's behaviour: 488")
    func webRTCWithoutTransport() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        #expect(throws: SDPNegotiationError.noCompatibleMedia) {
            try negotiator.answer(toOffer: CapturedSDP.parsed(CapturedSDP.chromiumOffer), localPort: 1)
        }
    }
}
