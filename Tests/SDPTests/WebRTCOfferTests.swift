import Testing
@testable import SDP

/// Offers to a browser and the browser's answer (RFC 8829 §5.2, RFC 8842 §5.2/§5.4).
@Suite struct WebRTCOfferTests {
    static let configuration = SDPNegotiator.Configuration(localAddress: "127.0.0.1", sessionID: "1700000000")

    /// The Switchboard offer fed to Chromium/aiortc was written by hand; makeOffer must write it byte for byte.
    @Test("makeOffer(webRTC:) writes exactly the offer Chromium and aiortc answered",
          arguments: [CapturedSDP.switchboardOfferForChromium, CapturedSDP.switchboardOfferForAiortc])
    func offerMatchesFixture(fixture: String) throws {
        let text = try CapturedSDP.text(fixture)
        let fingerprint = try #require(SessionDescription(parsing: text).media[0].attributeValue("fingerprint")
            .flatMap(SDPFingerprint.init(attributeValue:)))
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let offer = negotiator.makeOffer(
            localPort: 40000, webRTC: CapturedSDP.transport(address: "127.0.0.1", fingerprint: fingerprint))
        #expect(offer.serialize() == text)
        #expect(negotiator.pendingOffer == offer)
    }

    @Test("the WebRTC offer: SAVPF, Opus first then G.711, both event rates, actpass, ice-lite, BUNDLE 0")
    func offerShape() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let offer = negotiator.makeOffer(localPort: 40000, webRTC: CapturedSDP.transport())
        let audio = try #require(offer.media.first)
        #expect(audio.proto == "UDP/TLS/RTP/SAVPF")
        #expect(audio.rtpMaps.map { "\($0.encodingName)/\($0.clockRate)" }
            == ["opus/48000", "PCMU/8000", "PCMA/8000", "telephone-event/48000", "telephone-event/8000"])
        #expect(audio.attributeValue("setup") == "actpass")
        #expect(audio.attributeValue("mid") == "0")
        #expect(audio.rtcpMux)
        #expect(offer.hasAttribute("ice-lite"))
        #expect(offer.bundleGroups == [["0"]])
    }

    @Test("candidate lines may be passed with or without the a= / candidate: prefix; msid and ssrc are written")
    func candidatePrefixes() throws {
        var transport = CapturedSDP.transport()
        transport.candidates = ["a=candidate:1 1 udp 1 192.0.2.9 4000 typ host", "candidate:2 1 udp 1 192.0.2.9 4001 typ host",
                                "3 1 udp 1 192.0.2.9 4002 typ srflx raddr 10.0.0.1 rport 4002"]
        transport.mediaStreamID = "switchboard audio0"
        transport.ssrc = 305419896
        transport.cname = "sb"
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let audio = negotiator.makeOffer(localPort: 4000, webRTC: transport).media[0]
        #expect(audio.attributeValues("candidate") == [
            "1 1 udp 1 192.0.2.9 4000 typ host", "2 1 udp 1 192.0.2.9 4001 typ host",
            "3 1 udp 1 192.0.2.9 4002 typ srflx raddr 10.0.0.1 rport 4002"])
        #expect(audio.attributeValue("msid") == "switchboard audio0")
        #expect(audio.attributeValue("ssrc") == "305419896 cname:sb")
        #expect(audio.attributes.last == SDPAttribute("end-of-candidates"))
    }

    @Test("a plain offer is unchanged by the new parameters")
    func plainOffer() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        let offer = negotiator.makeOffer(localPort: 20000)
        #expect(offer.media[0].proto == "RTP/AVP")
        #expect(offer.media[0].formats == ["0", "8", "101"])
        #expect(offer.attributes.isEmpty)
        #expect(!offer.media[0].hasAttribute("mid"))
    }

    @Test("Chromium 156 answer: Opus 111, events at 48000, setup:active makes us passive (DTLS server)")
    func chromiumAnswer() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        _ = negotiator.makeOffer(localPort: 40000, webRTC: CapturedSDP.transport())
        let media = try negotiator.receivedAnswer(CapturedSDP.parsed(CapturedSDP.chromiumAnswer))
        #expect((media.payloadType, media.encodingName, media.clockRate, media.channels) == (111, "opus", 48000, "2"))
        #expect(media.formatParameters == "minptime=10;useinbandfec=1")
        #expect(media.telephoneEventPayloadType == 110)
        #expect(media.telephoneEventClockRate == 48000)
        #expect(media.mid == "0")
        #expect(media.rtcpMux)
        #expect(media.proto == "UDP/TLS/RTP/SAVPF")
        let webRTC = try #require(media.webRTC)
        #expect(webRTC.remoteSetup == .active)
        #expect(webRTC.localSetup == .passive)
        #expect(!webRTC.isDTLSClient)
        #expect(webRTC.remoteICE.ufrag == "U/Gv")
        #expect(webRTC.remoteICE.pwd == "ZrHsS8y9plczJEhPqiUW6gcX")
        #expect(webRTC.remoteFingerprints.count == 1)
        #expect(negotiator.pendingOffer == nil)
        #expect(negotiator.negotiated == media)
    }

    @Test("aiortc 1.16 answer: Opus, no telephone-event (aiortc drops it), three fingerprints, we are passive")
    func aiortcAnswer() throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        _ = negotiator.makeOffer(localPort: 40000, webRTC: CapturedSDP.transport())
        let media = try negotiator.receivedAnswer(CapturedSDP.parsed(CapturedSDP.aiortcAnswerToSwitchboard))
        #expect(media.encodingName == "opus")
        #expect(media.telephoneEventPayloadType == nil)
        #expect(media.webRTC?.localSetup == .passive)
        #expect(media.webRTC?.remoteFingerprints.map(\.hashFunction) == ["sha-256", "sha-384", "sha-512"])
        #expect(media.webRTC?.remoteICE.ufrag == "iSZ9")
        #expect(media.webRTC?.remoteICE.endOfCandidates == true)
    }

    @Test("an answer with setup:passive makes us active; actpass or holdconn in an answer is malformed",
          arguments: [("passive", SDPSetup?.some(.active)), ("actpass", nil), ("holdconn", nil), ("Passive", .active)])
    func answerSetup(value: String, expected: SDPSetup?) throws {
        var negotiator = SDPNegotiator(configuration: Self.configuration)
        _ = negotiator.makeOffer(localPort: 40000, webRTC: CapturedSDP.transport())
        let text = try CapturedSDP.text(CapturedSDP.chromiumAnswer)
            .replacingOccurrences(of: "a=setup:active", with: "a=setup:\(value)")
        let answer = try SessionDescription(parsing: text)
        if let expected {
            #expect(try negotiator.receivedAnswer(answer).webRTC?.localSetup == expected)
        } else {
            #expect(throws: SDPNegotiationError.malformedSetup) { try negotiator.receivedAnswer(answer) }
        }
    }

    @Test("an answer without rtcp-mux or fingerprint is refused with a typed error")
    func answerErrors() throws {
        let text = try CapturedSDP.text(CapturedSDP.chromiumAnswer)
        for (removed, error) in [("a=rtcp-mux\r\n", SDPNegotiationError.rtcpMuxRequired),
                                 ("a=fingerprint:", .missingFingerprint)] {
            var negotiator = SDPNegotiator(configuration: Self.configuration)
            _ = negotiator.makeOffer(localPort: 40000, webRTC: CapturedSDP.transport())
            let broken = removed.hasSuffix(":")
                ? text.replacingOccurrences(of: removed, with: "a=x-fingerprint:") : text.replacingOccurrences(of: removed, with: "")
            #expect(throws: error) { try negotiator.receivedAnswer(SessionDescription(parsing: broken)) }
        }
    }
}
