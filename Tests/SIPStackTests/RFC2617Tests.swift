import Testing
@testable import SIPStack

/// RFC 2617 §3.5, "Example": user "Mufasa", password "Circle Of Life", GET /dir/index.html.
@Suite struct RFC2617Tests {
    static let challenge = """
        Digest
                         realm="testrealm@host.com",
                         qop="auth,auth-int",
                         nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                         opaque="5ccc069c403ebaf9f0171e9517f40e41"
        """

    static let authorization = """
        Digest username="Mufasa",
                         realm="testrealm@host.com",
                         nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                         uri="/dir/index.html",
                         qop=auth,
                         nc=00000001,
                         cnonce="0a4f113b",
                         response="6629fae49393a05397450978507c4ef1",
                         opaque="5ccc069c403ebaf9f0171e9517f40e41"
        """

    @Test func parsesTheExampleAuthorization() throws {
        let c = try DigestCredentials(parsing: Self.authorization)
        #expect(c.username == "Mufasa")
        #expect(c.realm == "testrealm@host.com")
        #expect(c.nonce == "dcd98b7102dd2f0e8b11d0f600bfb0c093")
        #expect(c.uri == "/dir/index.html")
        #expect(c.qop == .auth)
        #expect(c.nonceCount == "00000001")
        #expect(c.nonceCountValue == 1)
        #expect(c.cnonce == "0a4f113b")
        #expect(c.response == "6629fae49393a05397450978507c4ef1")
        #expect(c.opaque == "5ccc069c403ebaf9f0171e9517f40e41")
        #expect(c.algorithm == .md5)
        #expect(!c.isSession)
    }

    @Test func computesTheExampleResponse() throws {
        let ha1 = Digest.ha1(username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life", algorithm: .md5)
        #expect(ha1 == "939e7578ed9e3c518a452acee763bce9")
        let c = try DigestCredentials(parsing: Self.authorization)
        #expect(Digest.expectedResponse(for: c, ha1: ha1, method: "GET") == "6629fae49393a05397450978507c4ef1")
        #expect(
            Digest.response(
                ha1: ha1, algorithm: .md5, method: "GET", uri: "/dir/index.html",
                nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", qop: .auth, nonceCount: "00000001", cnonce: "0a4f113b")
                == "6629fae49393a05397450978507c4ef1")
    }

    /// A client answering the example challenge produces the example credentials.
    @Test func answeringTheExampleChallenge() throws {
        let challenge = try DigestChallenge(parsing: Self.challenge)
        #expect(challenge.realm == "testrealm@host.com")
        #expect(challenge.qopOptions == [.auth, .authInt])
        #expect(challenge.algorithm == .md5)
        #expect(challenge.opaque == "5ccc069c403ebaf9f0171e9517f40e41")
        let ha1 = Digest.ha1(username: "Mufasa", realm: challenge.realm, password: "Circle Of Life", algorithm: .md5)
        let answer = DigestCredentials.answering(
            challenge, username: "Mufasa", ha1: ha1, method: "GET", uri: "/dir/index.html", cnonce: "0a4f113b")
        #expect(answer == (try DigestCredentials(parsing: Self.authorization)))
    }

    /// RFC 2617 §3.2.2.1 with no qop (RFC 2069 compatibility): response = KD(HA1, nonce ":" HA2).
    @Test func rfc2069CompatibleResponse() {
        let ha1 = Digest.ha1(username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life", algorithm: .md5)
        let response = Digest.response(
            ha1: ha1, algorithm: .md5, method: "GET", uri: "/dir/index.html",
            nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", qop: nil, nonceCount: nil, cnonce: nil)
        // MD5("939e7578ed9e3c518a452acee763bce9:dcd98b7102dd2f0e8b11d0f600bfb0c093:" + MD5("GET:/dir/index.html"))
        #expect(response == "670fd8c2df070c60b045671b8b24ff02")
    }
}
