import Testing
@testable import SDP

/// RFC 8866 (formerly RFC 4566) §5 syntax: parse, serialize, reject.
@Suite struct RFC4566Tests {
    /// RFC 8866 §5 example session description.
    static let rfcExample = """
        v=0\r
        o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r
        s=Call to John Smith\r
        i=SDP Offer #1\r
        u=http://www.jdoe.example.com/home.html\r
        e=Jane Doe <jane@jdoe.example.com>\r
        p=+1 617 555-6011\r
        c=IN IP4 198.51.100.1\r
        t=0 0\r
        m=audio 49170 RTP/AVP 0\r
        m=audio 49180 RTP/AVP 0\r
        m=video 51372 RTP/AVP 99\r
        c=IN IP6 2001:db8::2\r
        a=rtpmap:99 h263-1998/90000\r

        """

    @Test("RFC 8866 §5 example parses field by field")
    func rfcExampleParses() throws {
        let sdp = try SessionDescription(parsing: Self.rfcExample)
        #expect(sdp.origin.username == "jdoe")
        #expect(sdp.origin.sessionID == "3724394400")
        #expect(sdp.origin.sessionVersion == 3724394405)
        #expect(sdp.origin.unicastAddress == "198.51.100.1")
        #expect(sdp.sessionName == "Call to John Smith")
        #expect(sdp.information == "SDP Offer #1")
        #expect(sdp.descriptionFields.map(\.type) == ["u", "e", "p"])
        #expect(sdp.connection == SDPConnection(address: "198.51.100.1"))
        #expect(sdp.media.count == 3)
        #expect(sdp.media[2].connection == SDPConnection(addressType: "IP6", address: "2001:db8::2"))
        #expect(sdp.media[2].rtpMap(for: 99) == SDPRTPMap(payloadType: 99, encodingName: "h263-1998", clockRate: 90000))
        #expect(sdp.effectiveConnection(for: sdp.media[0])?.host == "198.51.100.1")
    }

    @Test("RFC 8866 §5 example round-trips byte for byte")
    func rfcExampleRoundTrips() throws {
        #expect(try SessionDescription(parsing: Self.rfcExample).serialize() == Self.rfcExample)
    }

    @Test("Chrome offer keeps every unknown attribute verbatim and in order")
    func chromeRoundTrip() throws {
        let sdp = try SessionDescription(parsing: SDPFixtures.chromeOffer)
        #expect(sdp.serialize() == SDPFixtures.chromeOffer)
        let audio = try #require(sdp.media.first)
        #expect(audio.proto == "UDP/TLS/RTP/SAVPF")
        #expect(audio.attributeValue("ice-ufrag") == "F7gI")
        #expect(audio.attributeValue("ice-pwd") == "x9cml/YzichV2+XlhiMu8g6V")
        #expect(audio.attributeValue("setup") == "actpass")
        #expect(audio.attributeValue("mid") == "0")
        #expect(audio.attributeValues("ssrc").count == 2)
        #expect(audio.rtcpMux)
        #expect(audio.rtcp?.port == 9)
        #expect(audio.rtpMap(for: 111) == SDPRTPMap(payloadType: 111, encodingName: "opus", clockRate: 48000,
                                                    encodingParameters: "2"))
        #expect(audio.formatParameters(for: 111) == "minptime=10;useinbandfec=1")
        #expect(sdp.attributeValue("group") == "BUNDLE 0")
        #expect(sdp.attributeValue("msid-semantic") == " WMS 3f9e4c1e-8d0a-4e1b-9c5e-2a7b6f0e1d2c")
    }

    @Test("LF-only input parses and serializes with CRLF")
    func lfInput() throws {
        let sdp = try SessionDescription(parsing: SDPFixtures.baresipOffer)
        let out = sdp.serialize()
        #expect(out.contains("\r\n"))
        #expect(out.split(separator: "\r\n").count == SDPFixtures.baresipOffer.split(separator: "\n").count)
        #expect(try SessionDescription(parsing: out) == sdp)
        #expect(sdp.media[0].bandwidths == [SDPBandwidth(type: "AS", value: 64)])
        #expect(sdp.media[0].formatParameters(for: 101) == "0-15")
        #expect(sdp.media[0].explicitDirection == .sendrecv)
    }

    @Test("static payload type without rtpmap resolves via RFC 3551")
    func staticPayloadType() throws {
        let sdp = try SessionDescription(parsing: "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 18 0\n")
        #expect(sdp.media[0].rtpMap(for: 0)?.encodingName == "PCMU")
        #expect(sdp.media[0].rtpMap(for: 18)?.encodingName == "G729")
        #expect(sdp.media[0].rtpMap(for: 96) == nil)
    }

    @Test("ptime, maxptime and direction setters")
    func typedAttributes() throws {
        var sdp = try SessionDescription(parsing: SDPFixtures.sippOffer + "a=ptime:30\r\na=maxptime:150\r\na=recvonly\r\n")
        #expect(sdp.media[0].ptime == 30)
        #expect(sdp.media[0].maxptime == 150)
        #expect(sdp.effectiveDirection(for: sdp.media[0]) == .recvonly)
        sdp.media[0].setDirection(.inactive)
        #expect(sdp.media[0].explicitDirection == .inactive)
        #expect(sdp.media[0].attributes.filter { SDPMediaDirection(rawValue: $0.name) != nil }.count == 1)
    }

    @Test("session-level direction applies when media has none")
    func sessionLevelDirection() throws {
        let sdp = try SessionDescription(
            parsing: "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\na=sendonly\nm=audio 4000 RTP/AVP 0\n")
        #expect(sdp.effectiveDirection(for: sdp.media[0]) == .sendonly)
    }

    @Test("missing t= defaults to 0 0")
    func missingTiming() throws {
        let sdp = try SessionDescription(parsing: "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nm=audio 4000 RTP/AVP 0\n")
        #expect(sdp.timings == [SDPTiming(start: 0, stop: 0)])
    }

    @Test("garbage is rejected with a typed error", arguments: [
        ("", "empty"),
        ("hello world", "line"),
        ("o=- 1 1 IN IP4 1.2.3.4\ns=-\n", "v"),
        ("v=1\no=- 1 1 IN IP4 1.2.3.4\ns=-\n", "version"),
        ("v=0\ns=-\n", "missing-o"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\n", "missing-s"),
        ("v=0\no=- 1 IN IP4 1.2.3.4\ns=-\n", "bad-o"),
        ("v=0\no=- 1 x IN IP4 1.2.3.4\ns=-\n", "bad-o"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nc=IN IP4\n", "bad-c"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nt=now\n", "bad-t"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nm=audio 99999 RTP/AVP 0\n", "bad-m"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nm=audio x RTP/AVP 0\n", "bad-m"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nm=audio 4000 RTP/AVP\n", "bad-m"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nx=unknown\n", "line"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nm=audio 4000 RTP/AVP 0\nt=0 0\n", "line"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\na=\n", "bad-a"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nb=AS\n", "bad-b"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nA=x\n", "line"),
    ])
    func rejectsGarbage(input: String, kind: String) {
        do {
            _ = try SessionDescription(parsing: input)
            Issue.record("accepted \(kind): \(input)")
        } catch {
            switch kind {
            case "empty": #expect(error == .empty)
            case "line": #expect(error.isMalformedLine)
            case "v": #expect(error.isMissingVersion)
            case "version": #expect(error.isUnsupportedVersion)
            case "missing-o": #expect(error.isMissingField("o"))
            case "missing-s": #expect(error.isMissingField("s"))
            default:
                let type = Character(String(kind.last!))
                #expect(error.isMalformedField(type), "\(error)")
            }
        }
    }

    @Test("rejected stream with no formats is tolerated when port is 0")
    func rejectedStreamWithoutFormats() throws {
        let sdp = try SessionDescription(parsing: "v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nt=0 0\nm=video 0 RTP/AVP\n")
        #expect(sdp.media[0].port == 0)
        #expect(sdp.media[0].formats.isEmpty)
    }

    @Test("null connection address is detected (RFC 3264 §8.4)")
    func nullAddress() {
        #expect(SDPConnection(address: "0.0.0.0").isNullAddress)
        #expect(SDPConnection(address: "224.2.1.1/127/3").host == "224.2.1.1")
        #expect(!SDPConnection(address: "10.0.0.1").isNullAddress)
    }
}
