import SIPMessage
import Testing
@testable import SIPStack

@Suite struct DigestChallengeTests {
    @Test func buildsTheWWWAuthenticateValue() {
        let c = DigestChallenge(realm: "biloxi.com", nonce: "abc123")
        #expect(c.headerValue == #"Digest realm="biloxi.com", nonce="abc123", algorithm=MD5, qop="auth""#)
        let sha = DigestChallenge(realm: "biloxi.com", nonce: "n", algorithm: .sha256, stale: true, opaque: "xyz")
        #expect(sha.headerValue == #"Digest realm="biloxi.com", nonce="n", algorithm=SHA-256, qop="auth", stale=true, opaque="xyz""#)
        let legacy = DigestChallenge(realm: "r", nonce: "n", isSession: true, qopOptions: [])
        #expect(legacy.headerValue == #"Digest realm="r", nonce="n", algorithm=MD5-sess"#)
        let both = DigestChallenge(realm: "r", nonce: "n", qopOptions: [.auth, .authInt])
        #expect(both.headerValue.hasSuffix(#"qop="auth,auth-int""#))
    }

    @Test func escapesQuotesInTheRealm() throws {
        let c = DigestChallenge(realm: #"the "best" \realm"#, nonce: "n")
        #expect(c.headerValue.hasPrefix(#"Digest realm="the \"best\" \\realm""#))
        #expect(try DigestChallenge(parsing: c.headerValue) == c)
    }

    @Test func roundTrips() throws {
        for c in [
            DigestChallenge(realm: "a.com", nonce: "n1"),
            DigestChallenge(realm: "a.com", nonce: "n2", algorithm: .sha256, isSession: true, qopOptions: [.auth, .authInt], stale: true, opaque: "o"),
            DigestChallenge(realm: "a.com", nonce: "n3", qopOptions: []),
        ] {
            #expect(try DigestChallenge(parsing: c.headerValue) == c)
        }
    }

    @Test func parsingIsLenientAboutCaseAndUnknownValues() throws {
        let c = try DigestChallenge(
            parsing: #"Digest realm="r", nonce="n", qop="auth-conf, auth", stale=TRUE, domain="sip:r", ALGORITHM=sha-256"#)
        #expect(c.qopOptions == [.auth])
        #expect(c.stale)
        #expect(c.algorithm == .sha256)
        let notStale = try DigestChallenge(parsing: #"Digest realm="r", nonce="n", stale=false"#)
        #expect(!notStale.stale)
        #expect(notStale.qopOptions.isEmpty)
        #expect(notStale.algorithm == .md5)
    }

    @Test func malformedChallengesThrow() {
        #expect(throws: DigestParseError(.missingParameter, "nonce")) { try DigestChallenge(parsing: #"Digest realm="r""#) }
        #expect(throws: DigestParseError(.missingParameter, "realm")) { try DigestChallenge(parsing: #"Digest nonce="n""#) }
        #expect(throws: DigestParseError(.unsupportedQop, "auth-conf")) {
            try DigestChallenge(parsing: #"Digest realm="r", nonce="n", qop="auth-conf""#)
        }
        #expect(throws: DigestParseError(.unsupportedAlgorithm, "SHA-512-256")) {
            try DigestChallenge(parsing: #"Digest realm="r", nonce="n", algorithm=SHA-512-256"#)
        }
        #expect(throws: DigestParseError(.notDigest, "Basic")) { try DigestChallenge(parsing: #"Basic realm="r""#) }
    }

    static func register() -> SIPRequest {
        var headers = SIPHeaders()
        headers.add("Via", "SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7")
        headers.add("Max-Forwards", "70")
        headers.add("To", "Bob <sip:bob@biloxi.com>")
        headers.add("From", "Bob <sip:bob@biloxi.com>;tag=456248")
        headers.add("Call-ID", "843817637684230@998sdasdh09")
        headers.add("CSeq", "1826 REGISTER")
        headers.add("Contact", "<sip:bob@192.0.2.4>")
        return SIPRequest(method: .register, uri: SIPURI(host: "registrar.biloxi.com"), headers: headers)
    }

    @Test func builds401WithOneHeaderPerChallengeInOrder() {
        let challenges = [
            DigestChallenge(realm: "biloxi.com", nonce: "n", algorithm: .sha256),
            DigestChallenge(realm: "biloxi.com", nonce: "n", algorithm: .md5),
        ]
        let r = DigestChallenge.challengeResponse(replyingTo: Self.register(), challenges: challenges, toTag: "t1")
        #expect(r.statusCode == 401)
        #expect(r.reasonPhrase == "Unauthorized")
        #expect(r.headers.values("WWW-Authenticate") == challenges.map(\.headerValue))
        #expect(r.headers["Call-ID"] == "843817637684230@998sdasdh09")
        #expect(r.headers["CSeq"] == "1826 REGISTER")
        #expect(r.headers.to?.tag == "t1")
        #expect(r.headers["Via"] == "SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7")

        let proxy = DigestChallenge.challengeResponse(replyingTo: Self.register(), challenges: challenges, proxy: true)
        #expect(proxy.statusCode == 407)
        #expect(proxy.headers.values("Proxy-Authenticate").count == 2)
        #expect(!proxy.headers.contains("WWW-Authenticate"))
        #expect(DigestChallenge.headerName(proxy: false) == "WWW-Authenticate")
    }
}
