import SIPMessage
import Testing
@testable import SIPStack

@Suite struct DigestCredentialsTests {
    static let response32 = "6629fae49393a05397450978507c4ef1"

    static func parse(_ text: String) throws(DigestParseError) -> DigestCredentials {
        try DigestCredentials(parsing: text)
    }

    static func errorCode(_ text: String) -> DigestParseError.Code? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.code
        }
    }

    /// RFC 3261 §22.4 style SIP credentials, tokens and quoted strings mixed, odd spacing, any order.
    @Test func parsesSIPCredentialsInAnyOrderWithTokensAndQuotes() throws {
        let c = try Self.parse(
            "digest  RESPONSE = \"\(Self.response32)\" ,uri=\"sip:bob@biloxi.com\",qop=auth,  nc=0000000a, "
                + "Realm=biloxi.com,nonce=\"abc\",cnonce=\"xyz\",Username=\"bob\",algorithm=md5, opaque=\"o\"")
        #expect(c.username == "bob")
        #expect(c.realm == "biloxi.com")
        #expect(c.nonce == "abc")
        #expect(c.uri == "sip:bob@biloxi.com")
        #expect(c.response == Self.response32)
        #expect(c.algorithm == .md5)
        #expect(c.qop == .auth)
        #expect(c.nonceCount == "0000000a")
        #expect(c.nonceCountValue == 10)
        #expect(c.cnonce == "xyz")
        #expect(c.opaque == "o")
    }

    @Test func unescapesQuotedPairs() throws {
        let c = try Self.parse(
            #"Digest username="bo\"b\\ \x", realm="a,b; c", nonce="n", uri="sip:x", response="\#(Self.response32)""#)
        #expect(c.username == #"bo"b\ x"#)
        #expect(c.realm == "a,b; c")
    }

    @Test func noQopIsRFC2069Mode() throws {
        let c = try Self.parse(#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="\#(Self.response32)""#)
        #expect(c.qop == nil)
        #expect(c.cnonce == nil)
        #expect(c.nonceCount == nil)
        #expect(c.algorithm == .md5)
    }

    @Test func acceptsQuotedQopAndNcAndUnquotedURI() throws {
        let c = try Self.parse(
            "Digest username=u, realm=r, nonce=n, uri=sip:alice@example.com;transport=tcp, qop=\"AUTH\", "
                + "nc=\"00000001\", cnonce=c, response=\(Self.response32.uppercased())")
        #expect(c.qop == .auth)
        #expect(c.nonceCount == "00000001")
        #expect(c.uri == "sip:alice@example.com;transport=tcp")
        #expect(c.response == Self.response32)  // lower-cased
    }

    @Test func parsesSessionAndSHA256() throws {
        let r64 = String(repeating: "ab", count: 32)
        let c = try Self.parse(
            "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"\(r64)\", algorithm=SHA-256-sess, "
                + "qop=auth, nc=00000001, cnonce=\"c\", userhash=true")
        #expect(c.algorithm == .sha256)
        #expect(c.isSession)
        #expect(c.userhash)
    }

    @Test(arguments: [
        ("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", DigestParseError.Code.notDigest),
        ("Digest", .malformed),
        ("Digest   ", .malformed),
        ("", .notDigest),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r""#, .missingParameter),
        (#"Digest realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1""#, .missingParameter),
        (#"Digest username="u", username="v", realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1""#, .duplicateParameter),
        (#"Digest username="u, realm="r""#, .malformed),
        (#"Digest username "u", realm="r""#, .malformed),
        (#"Digest username="u" realm="r""#, .malformed),
        (#"Digest username=, realm="r""#, .malformed),
        (#"Digest ="u""#, .malformed),
        (#"Digest username="u\"#, .malformed),
        ("Digest username=\"u\u{0}\", realm=\"r\"", .malformed),
        ("Digest username=\"u\r\n\", realm=\"r\"", .malformed),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1", qop=auth, cnonce="c""#, .missingParameter),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1", qop=auth, nc=00000001"#, .missingParameter),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1", qop=auth, nc=1, cnonce="c""#, .invalidNonceCount),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1", qop=auth, nc=0000000g, cnonce="c""#, .invalidNonceCount),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1", qop=auth-conf, nc=00000001, cnonce="c""#, .unsupportedQop),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1", algorithm=SHA-512-256"#, .unsupportedAlgorithm),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1", algorithm=MD5-sess"#, .missingParameter),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="6629fae4""#, .invalidResponse),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="6629fae49393a05397450978507c4ef1", algorithm=SHA-256"#, .invalidResponse),
        (#"Digest username="u", realm="r", nonce="n", uri="sip:r", response="zz29fae49393a05397450978507c4ef1""#, .invalidResponse),
    ])
    func malformedInputGivesTypedError(text: String, code: DigestParseError.Code) {
        #expect(Self.errorCode(text) == code)
    }

    @Test func sizeLimits() {
        let long = "Digest username=\"" + String(repeating: "a", count: 9000) + "\""
        #expect(Self.errorCode(long) == .tooLong)
        let many = "Digest " + (0..<40).map { "p\($0)=v" }.joined(separator: ", ")
        #expect(Self.errorCode(many) == .tooLong)
    }

    @Test func errorStatusCodes() {
        #expect(DigestParseError(.malformed).statusCode == 400)
        #expect(DigestParseError(.unsupportedAlgorithm).statusCode == 401)
        #expect(DigestParseError(.missingParameter, "nc").description == "missingParameter: nc")
    }

    /// Every prefix of a valid value, and a deterministic stream of random byte strings, either parses or
    /// throws; nothing traps.
    @Test func truncatedAndRandomInputNeverTraps() {
        let valid = Array(RFC2617Tests.authorization.utf8)
        var parsingLengths: [Int] = []
        for n in 0...valid.count where (try? Self.parse(String(decoding: valid.prefix(n), as: UTF8.self))) != nil {
            parsingLengths.append(n)
        }
        // The shortest prefix that parses ends with the last required parameter (`response="…"`, before
        // `opaque`); the longest is the whole value.
        let marker = Array("4ef1\"".utf8)
        let responseEnd = (0...(valid.count - marker.count)).first { Array(valid[$0..<$0 + marker.count]) == marker }! + marker.count
        #expect(parsingLengths.first == responseEnd)
        #expect(parsingLengths.last == valid.count)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array(#"Digest usernamerealmnonceuriresponse="\,  qop=auth nc=00000001 ab"#.utf8) + [0, 10, 13, 0xC3, 0xA9]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 58)
            for _ in 0..<length * 3 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            _ = try? Self.parse(String(decoding: bytes, as: UTF8.self))
            _ = try? DigestChallenge(parsing: String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func headerValueRoundTrips() throws {
        let original = DigestCredentials(
            username: #"bob "the" \builder"#, realm: "biloxi.com", nonce: "n1", uri: "sip:bob@biloxi.com",
            response: Self.response32, algorithm: .md5, isSession: false, cnonce: "0a4f113b", opaque: "op",
            qop: .auth, nonceCount: "00000001")
        let text = original.headerValue
        #expect(text.hasPrefix(#"Digest username="bob \"the\" \\builder", realm="biloxi.com""#))
        #expect(text.contains("algorithm=MD5"))
        #expect(text.contains("qop=auth, nc=00000001"))
        #expect(try Self.parse(text) == original)

        let plain = DigestCredentials(username: "u", realm: "r", nonce: "n", uri: "sip:r", response: Self.response32)
        #expect(plain.headerValue == #"Digest username="u", realm="r", nonce="n", uri="sip:r", response="\#(Self.response32)", algorithm=MD5"#)
        #expect(try Self.parse(plain.headerValue) == plain)
    }

    @Test func findPicksTheCredentialsForTheRealm() throws {
        var headers = SIPHeaders()
        headers.add("Authorization", "Basic dXNlcjpwYXNz")
        headers.add("Authorization", #"Digest username="a", realm="other.com", nonce="n", uri="sip:x", response="\#(Self.response32)""#)
        headers.add("Authorization", #"Digest username="b", realm="example.com", nonce="n", uri="sip:x", response="\#(Self.response32)""#)
        headers.add("Proxy-Authorization", #"Digest username="p", realm="example.com", nonce="n", uri="sip:x", response="\#(Self.response32)""#)
        #expect(try DigestCredentials.find(in: headers, realm: "example.com")?.username == "b")
        #expect(try DigestCredentials.find(in: headers, realm: "example.com", proxy: true)?.username == "p")
        #expect(try DigestCredentials.find(in: headers, realm: "nowhere.com") == nil)
        #expect(try DigestCredentials.find(in: SIPHeaders(), realm: "example.com") == nil)

        var bad = SIPHeaders()
        bad.add("Authorization", #"Digest username="b", realm="example.com""#)
        #expect(throws: DigestParseError(.missingParameter, "nonce")) { try DigestCredentials.find(in: bad, realm: "example.com") }
        bad.add("Authorization", #"Digest username="c", realm="example.com", nonce="n", uri="sip:x", response="\#(Self.response32)""#)
        #expect(try DigestCredentials.find(in: bad, realm: "example.com")?.username == "c")
    }

    @Test func answeringPicksQopAndFormatsNc() {
        let ha1 = Digest.ha1(username: "u", realm: "r", password: "p", algorithm: .md5)
        let withQop = DigestCredentials.answering(
            DigestChallenge(realm: "r", nonce: "n", qopOptions: [.authInt, .auth]), username: "u", ha1: ha1,
            method: "REGISTER", uri: "sip:r", cnonce: "c", nonceCount: 0x1f)
        #expect(withQop.qop == .auth)
        #expect(withQop.nonceCount == "0000001f")
        let onlyInt = DigestCredentials.answering(
            DigestChallenge(realm: "r", nonce: "n", qopOptions: [.authInt]), username: "u", ha1: ha1,
            method: "REGISTER", uri: "sip:r", cnonce: "c")
        #expect(onlyInt.qop == .authInt)
        let none = DigestCredentials.answering(
            DigestChallenge(realm: "r", nonce: "n", qopOptions: []), username: "u", ha1: ha1, method: "REGISTER",
            uri: "sip:r", cnonce: "c")
        #expect(none.qop == nil)
        #expect(none.cnonce == nil)
        #expect(none.nonceCount == nil)
        #expect(none.response == Digest.response(ha1: ha1, algorithm: .md5, method: "REGISTER", uri: "sip:r", nonce: "n", qop: nil, nonceCount: nil, cnonce: nil))
    }
}
