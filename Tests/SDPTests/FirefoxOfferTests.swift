import Testing
@testable import SDP

/// Firefox 153 ESR's audio offer (captured from Tests/Interop/pages/verto_echo.html, see Fixtures/README.md) and
/// the offer Chromium 156 makes on the same page, answered with the WebRTC profile.
@Suite struct FirefoxOfferTests {
    static let configuration = SDPNegotiator.Configuration(localAddress: "203.0.113.5", sessionID: "1700000000")

    static func answer(_ name: String) throws -> SDPAnswer {
        var negotiator = SDPNegotiator(configuration: configuration)
        return try negotiator.answer(toOffer: CapturedSDP.parsed(name), localPort: 40000,
                                     webRTC: CapturedSDP.transport())
    }

    @Test("Firefox 153 offer: the whole answer, byte for byte")
    func firefoxGolden() throws {
        let answer = try Self.answer(CapturedSDP.firefoxOffer)
        #expect(answer.description.serialize() == """
            v=0\r
            o=Switchboard 1700000000 1700000000 IN IP4 203.0.113.5\r
            s=Switchboard\r
            c=IN IP4 203.0.113.5\r
            t=0 0\r
            a=ice-lite\r
            a=group:BUNDLE 0\r
            m=audio 40000 UDP/TLS/RTP/SAVPF 109 101\r
            a=mid:0\r
            a=ice-ufrag:Sb3xKq9Z\r
            a=ice-pwd:9fQmV2a7Lw0pXrT4yN8sB1cE\r
            a=fingerprint:\(CapturedSDP.ourFingerprint.attributeValue)\r
            a=setup:active\r
            a=rtcp-mux\r
            a=rtpmap:109 opus/48000/2\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:109 minptime=10;useinbandfec=1\r
            a=fmtp:101 0-15\r
            a=ptime:20\r
            a=sendrecv\r
            a=candidate:1 1 udp 2130706431 203.0.113.5 40000 typ host\r
            a=end-of-candidates\r

            """)
    }

    @Test("Firefox 153 offer: session-level fingerprint and direction, media-level ICE, RTCP candidates, PT 109")
    func firefoxNegotiated() throws {
        let offer = try CapturedSDP.parsed(CapturedSDP.firefoxOffer)
        // Firefox puts the fingerprint (and a=sendrecv, ice-options) at session level, ICE credentials per m-line.
        #expect(offer.attributeValue("fingerprint") != nil)
        #expect(offer.media[0].attributeValue("fingerprint") == nil)
        let media = try Self.answer(CapturedSDP.firefoxOffer).media
        #expect(media.isWebRTC)
        #expect((media.payloadType, media.encodingName, media.clockRate, media.channels) == (109, "opus", 48000, "2"))
        #expect(media.formatParameters == "maxplaybackrate=48000;stereo=1;useinbandfec=1")
        #expect(media.telephoneEventPayloadType == 101)
        #expect(media.telephoneEventClockRate == 8000)
        #expect(media.mid == "0")
        #expect(media.rtcpMux)
        #expect(media.direction == .sendrecv)
        #expect(!media.isRemoteHold)
        #expect(media.remoteAddress == "192.0.2.2")
        let webRTC = try #require(media.webRTC)
        #expect(webRTC.remoteICE.ufrag == "c8f9385f")
        #expect(webRTC.remoteICE.pwd == "3e1fb01999c8d9acc978cd43b834994d")
        #expect(webRTC.remoteICE.options == ["trickle"])
        #expect(webRTC.remoteICE.candidates.count == 8)
        #expect(webRTC.remoteICE.candidates.filter { $0.split(separator: " ")[1] == "2" }.count == 4)
        #expect(webRTC.remoteICE.endOfCandidates)
        #expect(webRTC.remoteFingerprints.map(\.attributeValue) == [
            "sha-256 77:34:5F:DF:07:01:2D:FD:7C:BA:92:E3:28:C5:01:3F:25:0B:93:FE:25:BB:FA:47:AA:35:CB:A3:67:DF:2C:1F"])
        #expect(webRTC.remoteSetup == .actpass)
        #expect(webRTC.localSetup == .active)
    }

    @Test("Firefox's offer with G.711 preferred: PCMU and its telephone-event/8000")
    func firefoxG711() throws {
        var configuration = Self.configuration
        configuration.webRTCCodecs = [.pcmu, .opus]
        var negotiator = SDPNegotiator(configuration: configuration)
        let answer = try negotiator.answer(toOffer: CapturedSDP.parsed(CapturedSDP.firefoxOffer), localPort: 40000,
                                           webRTC: CapturedSDP.transport())
        #expect((answer.media.payloadType, answer.media.encodingName) == (0, "PCMU"))
        #expect(answer.media.telephoneEventPayloadType == 101)
        #expect(answer.description.media[0].formats == ["0", "101"])
    }

    @Test("Chromium 156 on the same page: Opus 111 and telephone-event/48000, loopback candidate first")
    func chromiumSamePage() throws {
        let media = try Self.answer(CapturedSDP.chromiumOfferVertoPage).media
        #expect((media.payloadType, media.encodingName) == (111, "opus"))
        #expect(media.formatParameters == "minptime=10;useinbandfec=1")
        #expect((media.telephoneEventPayloadType, media.telephoneEventClockRate) == (110, 48000))
        #expect(media.remoteAddress == "127.0.0.1")
        #expect(media.webRTC?.remoteICE.candidates.first?.contains(" 127.0.0.1 ") == true)
        #expect(media.webRTC?.remoteICE.endOfCandidates == false)
    }
}
