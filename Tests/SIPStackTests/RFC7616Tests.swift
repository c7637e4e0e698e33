import Testing
@testable import SIPStack

/// RFC 7616 §3.9.1, "Example with SHA-256 and MD5": user "Mufasa", password "Circle of Life",
/// GET /dir/index.html, one challenge per algorithm with the same nonce.
@Suite struct RFC7616Tests {
    static let nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
    static let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
    static let opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"

    static func challenge(_ algorithm: String) -> String {
        """
        Digest
            realm="http-auth@example.org",
            qop="auth, auth-int",
            algorithm=\(algorithm),
            nonce="\(nonce)",
            opaque="\(opaque)"
        """
    }

    static func authorization(_ algorithm: String, response: String) -> String {
        """
        Digest username="Mufasa",
            realm="http-auth@example.org",
            uri="/dir/index.html",
            algorithm=\(algorithm),
            nonce="\(nonce)",
            nc=00000001,
            cnonce="\(cnonce)",
            qop=auth,
            response="\(response)",
            opaque="\(opaque)"
        """
    }

    static let examples: [(DigestAlgorithm, String, String)] = [
        (.md5, "MD5", "8ca523f5e9506fed4657c9700eebdbec"),
        (.sha256, "SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ]

    @Test(arguments: [0, 1])
    func parsesAndRecomputesTheExample(index: Int) throws {
        let (algorithm, token, expected) = Self.examples[index]
        let c = try DigestCredentials(parsing: Self.authorization(token, response: expected))
        #expect(c.algorithm == algorithm)
        #expect(c.username == "Mufasa")
        #expect(c.realm == "http-auth@example.org")
        #expect(c.uri == "/dir/index.html")
        #expect(c.nonce == Self.nonce)
        #expect(c.cnonce == Self.cnonce)
        #expect(c.opaque == Self.opaque)
        #expect(c.qop == .auth)
        #expect(c.nonceCount == "00000001")
        let ha1 = Digest.ha1(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life", algorithm: algorithm)
        #expect(ha1.count == algorithm.hexDigestLength)
        #expect(Digest.expectedResponse(for: c, ha1: ha1, method: "GET") == expected)
    }

    @Test(arguments: [0, 1])
    func answeringTheExampleChallenge(index: Int) throws {
        let (algorithm, token, expected) = Self.examples[index]
        let challenge = try DigestChallenge(parsing: Self.challenge(token))
        #expect(challenge.algorithm == algorithm)
        #expect(challenge.qopOptions == [.auth, .authInt])
        let ha1 = Digest.ha1(username: "Mufasa", realm: challenge.realm, password: "Circle of Life", algorithm: algorithm)
        let answer = DigestCredentials.answering(
            challenge, username: "Mufasa", ha1: ha1, method: "GET", uri: "/dir/index.html", cnonce: Self.cnonce)
        #expect(answer.response == expected)
        #expect(answer == (try DigestCredentials(parsing: Self.authorization(token, response: expected))))
    }

    /// The HA1 values behind the example (H("Mufasa:http-auth@example.org:Circle of Life")).
    @Test func exampleHA1Values() {
        #expect(
            Digest.ha1(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life", algorithm: .md5)
                == "3d78807defe7de2157e2b0b6573a855f")
        #expect(
            Digest.ha1(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life", algorithm: .sha256)
                == "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232")
    }
}
