import Testing
@testable import SIPStack

/// `Digest` computations beyond the RFC examples: `-sess` (RFC 7616 §3.4.2) and `auth-int` (§3.4.3), using the
/// RFC 7616 §3.9.1 inputs. Expected values were computed independently (Python hashlib).
@Suite struct DigestTests {
    static let nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
    static let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"

    static func ha1(_ algorithm: DigestAlgorithm) -> String {
        Digest.ha1(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life", algorithm: algorithm)
    }

    @Test(arguments: [
        (DigestAlgorithm.md5, "e783283f46242139c486a698fec7211d"),
        (DigestAlgorithm.sha256, "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7"),
    ])
    func sessionVariant(algorithm: DigestAlgorithm, expected: String) {
        let response = Digest.response(
            ha1: Self.ha1(algorithm), algorithm: algorithm, session: true, method: "GET", uri: "/dir/index.html",
            nonce: Self.nonce, qop: .auth, nonceCount: "00000001", cnonce: Self.cnonce)
        #expect(response == expected)
        let sessionHA1 = Digest.sessionHA1(ha1: Self.ha1(algorithm), nonce: Self.nonce, cnonce: Self.cnonce, algorithm: algorithm)
        #expect(sessionHA1.count == algorithm.hexDigestLength)
        // The session HA1 used as a plain HA1 gives the same response.
        #expect(
            Digest.response(
                ha1: sessionHA1, algorithm: algorithm, method: "GET", uri: "/dir/index.html", nonce: Self.nonce, qop: .auth,
                nonceCount: "00000001", cnonce: Self.cnonce) == expected)
    }

    @Test(arguments: [
        (DigestAlgorithm.md5, "23fef4d928a3e9fa6e0b0de51288c997"),
        (DigestAlgorithm.sha256, "c98b95dbdb463c4483e324bced57d591946a6f84098142757b1333c52c47d62e"),
    ])
    func authIntCoversTheBody(algorithm: DigestAlgorithm, expected: String) {
        func response(_ body: String) -> String {
            Digest.response(
                ha1: Self.ha1(algorithm), algorithm: algorithm, method: "POST", uri: "/dir/index.html", nonce: Self.nonce,
                qop: .authInt, nonceCount: "00000001", cnonce: Self.cnonce, body: Array(body.utf8))
        }
        #expect(response("hello") == expected)
        #expect(response("hellO") != expected)
    }

    @Test func algorithmTokens() {
        #expect(DigestAlgorithm.parse("MD5")! == (.md5, false))
        #expect(DigestAlgorithm.parse("md5-SESS")! == (.md5, true))
        #expect(DigestAlgorithm.parse("SHA-256")! == (.sha256, false))
        #expect(DigestAlgorithm.parse("sha-256-sess")! == (.sha256, true))
        #expect(DigestAlgorithm.parse("SHA-512-256") == nil)
        #expect(DigestAlgorithm.parse("AKAv1-MD5") == nil)
        #expect(DigestAlgorithm.md5.wireName == "MD5")
        #expect(DigestAlgorithm.sha256.wireName(session: true) == "SHA-256-sess")
        #expect(DigestAlgorithm.md5.hexDigestLength == 32)
        #expect(DigestAlgorithm.sha256.hexDigestLength == 64)
    }
}
