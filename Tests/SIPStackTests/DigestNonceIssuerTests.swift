import Testing
@testable import SIPStack

@Suite struct DigestNonceIssuerTests {
    static let secret = Array("0123456789abcdef-switchboard-test".utf8)
    static let t0 = UnixTime(seconds: 1_700_000_000)

    @Test func nonceIsLowerHexTimestampThenMAC() {
        let issuer = DigestNonceIssuer(secret: Self.secret)
        let nonce = issuer.makeNonce(realm: "example.com", now: Self.t0)
        #expect(nonce.count == 48)
        #expect(DigestNonceIssuer.nonceLength == 48)
        #expect(nonce.hasPrefix("000000006553f100"))  // 1_700_000_000 = 0x6553F100
        #expect(nonce.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
        #expect(issuer.makeNonce(realm: "example.com", now: Self.t0) == nonce)  // deterministic
        #expect(issuer.makeNonce(realm: "example.com", now: Self.t0 + 1) != nonce)
        #expect(issuer.makeNonce(realm: "other.com", now: Self.t0).suffix(32) != nonce.suffix(32))
    }

    @Test func freshUntilTheLifetimeThenExpired() {
        let issuer = DigestNonceIssuer(secret: Self.secret)
        #expect(issuer.lifetime == 300)
        let nonce = issuer.makeNonce(realm: "example.com", now: Self.t0)
        #expect(issuer.validate(nonce, realm: "example.com", now: Self.t0) == .fresh(issuedAt: Self.t0))
        #expect(issuer.validate(nonce, realm: "example.com", now: Self.t0 + 300) == .fresh(issuedAt: Self.t0))
        #expect(issuer.validate(nonce, realm: "example.com", now: Self.t0 + 301) == .expired(issuedAt: Self.t0))
        #expect(issuer.validate(nonce, realm: "example.com", now: Self.t0 + 86_400 * 365) == .expired(issuedAt: Self.t0))
    }

    @Test func configurableLifetime() {
        let issuer = DigestNonceIssuer(secret: Self.secret, lifetime: 30)
        let nonce = issuer.makeNonce(realm: "r", now: Self.t0)
        #expect(issuer.validate(nonce, realm: "r", now: Self.t0 + 30) == .fresh(issuedAt: Self.t0))
        #expect(issuer.validate(nonce, realm: "r", now: Self.t0 + 31) == .expired(issuedAt: Self.t0))
    }

    @Test func otherSecretOrRealmIsForged() {
        let issuer = DigestNonceIssuer(secret: Self.secret)
        let nonce = issuer.makeNonce(realm: "example.com", now: Self.t0)
        let other = DigestNonceIssuer(secret: Array("another secret of enough length".utf8))
        #expect(other.validate(nonce, realm: "example.com", now: Self.t0) == .forged)
        #expect(issuer.validate(nonce, realm: "example.org", now: Self.t0) == .forged)
        // A node sharing the secret accepts it (cluster, restart).
        let sameSecret = DigestNonceIssuer(secret: Self.secret)
        #expect(sameSecret.validate(nonce, realm: "example.com", now: Self.t0 + 10) == .fresh(issuedAt: Self.t0))
    }

    @Test func tamperingIsForged() {
        let issuer = DigestNonceIssuer(secret: Self.secret)
        let nonce = issuer.makeNonce(realm: "r", now: Self.t0)
        // Moving the timestamp forward to extend the life.
        let later = String(UInt64(Self.t0.seconds + 1000), radix: 16)
        let forgedTimestamp = String(repeating: "0", count: 16 - later.count) + later + nonce.dropFirst(16)
        #expect(issuer.validate(forgedTimestamp, realm: "r", now: Self.t0 + 1000) == .forged)
        // Flipping one MAC digit.
        var chars = Array(nonce)
        chars[40] = chars[40] == "0" ? "1" : "0"
        #expect(issuer.validate(String(chars), realm: "r", now: Self.t0) == .forged)
        // Upper case, wrong lengths, non-hex, empty.
        #expect(issuer.validate(nonce.uppercased(), realm: "r", now: Self.t0) == .forged)
        #expect(issuer.validate(String(nonce.dropLast()), realm: "r", now: Self.t0) == .forged)
        #expect(issuer.validate(nonce + "0", realm: "r", now: Self.t0) == .forged)
        #expect(issuer.validate(String(repeating: "g", count: 48), realm: "r", now: Self.t0) == .forged)
        #expect(issuer.validate("", realm: "r", now: Self.t0) == .forged)
        #expect(issuer.validate("dcd98b7102dd2f0e8b11d0f600bfb0c093", realm: "r", now: Self.t0) == .forged)
    }

    @Test func futureTimestampBeyondSkewIsForged() {
        let issuer = DigestNonceIssuer(secret: Self.secret, maximumClockSkew: 5)
        let nonce = issuer.makeNonce(realm: "r", now: Self.t0 + 100)
        #expect(issuer.validate(nonce, realm: "r", now: Self.t0 + 95) == .fresh(issuedAt: Self.t0 + 100))
        #expect(issuer.validate(nonce, realm: "r", now: Self.t0 + 94) == .forged)
    }

    @Test func unixTimeArithmeticSaturates() {
        #expect(UnixTime(seconds: .max) + 10 == UnixTime(seconds: .max))
        #expect(UnixTime(seconds: .min) - 10 == UnixTime(seconds: .min))
        #expect((Self.t0 + 5).seconds(since: Self.t0) == 5)
        #expect(Self.t0.seconds(since: Self.t0 + 5) == -5)
        #expect(UnixTime(seconds: .max).seconds(since: UnixTime(seconds: -1)) == .max)
        #expect(Self.t0 < Self.t0 + 1)
    }
}
