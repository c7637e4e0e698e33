import Testing
@testable import SDP

/// DTLS `a=setup` and `a=fingerprint` rules (RFC 8842 §5, RFC 5763 §5, RFC 4145 §4, RFC 8122 §5) and the
/// typed errors (SIP 488) for malformed peer values.
@Suite struct RFC8842Tests {
    @Test("RFC 8842 §5.3: the answerer's a=setup for each offered value",
          arguments: [(SDPSetup?.some(.actpass), SDPSetup?.some(.active)), (.active, .passive), (.passive, .active),
                      (nil, .passive), (.holdconn, nil)])
    func answerSetup(offer: SDPSetup?, answer: SDPSetup?) {
        #expect(SDPSetup.answer(toOffer: offer) == answer)
    }

    @Test("RFC 8842 §5.4: the offerer takes the complement of the answer")
    func offererSetup() {
        #expect(SDPSetup.offerer(afterAnswer: .active) == .passive)
        #expect(SDPSetup.offerer(afterAnswer: .passive) == .active)
        #expect(SDPSetup.offerer(afterAnswer: .actpass) == nil)
        #expect(SDPSetup.offerer(afterAnswer: .holdconn) == nil)
    }

    @Test("a=setup values parse case-insensitively; anything else is nil")
    func setupParsing() {
        #expect(SDPSetup(attributeValue: "ACTPASS") == .actpass)
        #expect(SDPSetup(attributeValue: " active ") == .active)
        for bad in ["", "act pass", "client", "actpass2"] { #expect(SDPSetup(attributeValue: bad) == nil) }
    }

    @Test("RFC 8122 §5 fingerprints: lengths per hash, lower-case hex accepted, serialized upper case")
    func fingerprintParsing() throws {
        let sha1 = "sha-1 " + Array(repeating: "0a", count: 20).joined(separator: ":")
        let parsed = try #require(SDPFingerprint(attributeValue: sha1))
        #expect(parsed.hashFunction == "sha-1")
        #expect(parsed.attributeValue == "sha-1 " + Array(repeating: "0A", count: 20).joined(separator: ":"))
        #expect(SDPFingerprint(attributeValue: "SHA-256 " + Array(repeating: "FF", count: 32).joined(separator: ":"))?
            .hashFunction == "sha-256")
        let bad = ["sha-256 " + Array(repeating: "FF", count: 31).joined(separator: ":"),  // too short
                   "sha-256", "sha-256 ", "sha-256 GG:00", "sha-256 F:FF", "sha-256 +F:00", "sha-256 FF::00",
                   "sha-256 FF:00 extra", "sha(256) FF", ""]
        for value in bad { #expect(SDPFingerprint(attributeValue: value) == nil, "\(value)") }
    }

    static let configuration = SDPNegotiator.Configuration(localAddress: "203.0.113.5", sessionID: "1")

    static func answering(_ edit: (String) -> String) throws -> SDPAnswer {
        let text = edit(try CapturedSDP.text(CapturedSDP.chromiumOffer))
        var negotiator = SDPNegotiator(configuration: configuration)
        return try negotiator.answer(toOffer: SessionDescription(parsing: text), localPort: 40000,
                                     webRTC: CapturedSDP.transport())
    }

    @Test("malformed or missing peer DTLS/ICE values give a typed error that maps to 488",
          arguments: [
            ("a=fingerprint:sha-256 C6:9D", "a=fingerprint:sha-256 XX:9D", SDPNegotiationError.malformedFingerprint),
            ("a=fingerprint:sha-256 C6:9D:", "a=fingerprint:sha-256 C6:", .malformedFingerprint),
            ("a=fingerprint:", "a=x-fingerprint:", .missingFingerprint),
            ("a=setup:actpass", "a=setup:bogus", .malformedSetup),
            ("a=setup:actpass", "a=setup:holdconn", .malformedSetup),
            ("a=setup:actpass", "a=setup", .malformedSetup),
            ("a=ice-pwd:", "a=x-ice-pwd:", .missingICECredentials),
            ("a=ice-pwd:gLDkmhFEQiGqr49q9t5/kHce", "a=ice-pwd:short", .malformedICECredentials),
            ("a=ice-ufrag:1CkQ", "a=ice-ufrag:1C!Q", .malformedICECredentials),
            ("a=rtcp-mux\r\n", "", .rtcpMuxRequired),
          ])
    func typedErrors(old: String, new: String, error: SDPNegotiationError) throws {
        #expect(throws: error) { try Self.answering { $0.replacingOccurrences(of: old, with: new) } }
        #expect(error.sipStatus == 488)
    }

    @Test("session-level a=fingerprint, a=setup and ICE credentials apply when the media section has none")
    func sessionLevel() throws {
        let answer = try Self.answering { text in
            var lines = text.components(separatedBy: "\r\n")
            let moved = lines.filter { $0.hasPrefix("a=fingerprint:") || $0.hasPrefix("a=setup:")
                || $0.hasPrefix("a=ice-ufrag:") || $0.hasPrefix("a=ice-pwd:") }
            lines.removeAll { moved.contains($0) }
            let t = lines.firstIndex(of: "t=0 0")!
            lines.insert(contentsOf: moved, at: t + 1)
            return lines.joined(separator: "\r\n")
        }
        let webRTC = try #require(answer.media.webRTC)
        #expect(webRTC.remoteICE.ufrag == "1CkQ")
        #expect(webRTC.remoteSetup == .actpass)
        #expect(webRTC.remoteFingerprints.count == 1)
    }

    @Test("media-level a=setup overrides session level (RFC 4145 §4)")
    func mediaOverridesSession() throws {
        let answer = try Self.answering {
            $0.replacingOccurrences(of: "t=0 0\r\n", with: "t=0 0\r\na=setup:passive\r\n")
              .replacingOccurrences(of: "a=setup:actpass", with: "a=setup:active")
        }
        #expect(answer.media.webRTC?.remoteSetup == .active)
        #expect(answer.media.webRTC?.localSetup == .passive)
        #expect(answer.description.media[0].attributeValue("setup") == "passive")
    }
}
