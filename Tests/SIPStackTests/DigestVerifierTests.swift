import SIPMessage
import Testing
@testable import SIPStack

@Suite struct DigestVerifierTests {
    static let realm = "example.com"
    static let t0 = UnixTime(seconds: 1_700_000_000)
    static let issuer = DigestNonceIssuer(secret: Array("verifier-test-secret-0123456789".utf8))
    static let verifier = DigestVerifier(realm: realm, issuer: issuer)
    static let requestURI = try! SIPURI(parsing: "sip:example.com")

    static func ha1(_ algorithm: DigestAlgorithm, password: String = "s3cret") -> String {
        Digest.ha1(username: "alice", realm: realm, password: password, algorithm: algorithm)
    }

    /// What a phone sends after a challenge issued at `issuedAt`.
    static func credentials(
        algorithm: DigestAlgorithm = .md5, session: Bool = false, qop: [DigestQop] = [.auth], password: String = "s3cret",
        method: String = "REGISTER", uri: String = "sip:example.com", issuedAt: UnixTime = t0, realm: String = realm,
        body: [UInt8] = []
    ) -> DigestCredentials {
        let challenge = DigestChallenge(
            realm: realm, nonce: issuer.makeNonce(realm: realm, now: issuedAt), algorithm: algorithm, isSession: session,
            qopOptions: qop)
        return DigestCredentials.answering(
            challenge, username: "alice",
            ha1: Digest.ha1(username: "alice", realm: realm, password: password, algorithm: algorithm), method: method,
            uri: uri, cnonce: "0a4f113b", body: body)
    }

    static func verify(
        _ c: DigestCredentials, verifier: DigestVerifier = verifier, method: String = "REGISTER",
        uri: SIPURI = requestURI, ha1: String? = nil, now: UnixTime = t0 + 1, body: [UInt8] = []
    ) -> DigestVerifier.Outcome {
        verifier.verify(c, method: method, requestURI: uri, storedHA1: ha1 ?? Self.ha1(c.algorithm), now: now, body: body)
    }

    @Test(arguments: DigestAlgorithm.allCases)
    func validCredentials(algorithm: DigestAlgorithm) {
        #expect(Self.verify(Self.credentials(algorithm: algorithm)) == .valid)
        #expect(Self.verify(Self.credentials(algorithm: algorithm, session: true)) == .valid)
        #expect(Self.verify(Self.credentials(algorithm: algorithm, qop: [])) == .valid)  // RFC 2069 mode
    }

    @Test func authIntChecksTheBody() {
        let body = Array("v=0\r\n".utf8)
        let c = Self.credentials(qop: [.authInt], method: "INVITE", body: body)
        #expect(c.qop == .authInt)
        #expect(Self.verify(c, method: "INVITE", body: body) == .valid)
        #expect(Self.verify(c, method: "INVITE", body: Array("v=1\r\n".utf8)) == .invalid(.wrongResponse))
    }

    @Test func wrongPasswordOrMethodIsWrongResponse() {
        #expect(Self.verify(Self.credentials(password: "guess")) == .invalid(.wrongResponse))
        #expect(Self.verify(Self.credentials(method: "INVITE")) == .invalid(.wrongResponse))
        var tampered = Self.credentials()
        tampered.cnonce = "other"
        #expect(Self.verify(tampered) == .invalid(.wrongResponse))
    }

    @Test func expiredNonceIsStaleOnlyWithACorrectResponse() {
        let c = Self.credentials(issuedAt: Self.t0)
        #expect(Self.verify(c, now: Self.t0 + 300) == .valid)
        #expect(Self.verify(c, now: Self.t0 + 301) == .stale)
        #expect(Self.verify(Self.credentials(password: "guess", issuedAt: Self.t0), now: Self.t0 + 301) == .invalid(.wrongResponse))
    }

    @Test func forgedNonceAndRealmMismatch() {
        var forged = Self.credentials()
        forged.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093"
        forged.response = Digest.expectedResponse(for: forged, ha1: Self.ha1(.md5), method: "REGISTER")
        #expect(Self.verify(forged) == .invalid(.forgedNonce))
        // Credentials for another realm, even with a nonce this issuer made for it.
        let otherRealm = Self.credentials(realm: "other.com")
        #expect(Self.verify(otherRealm) == .invalid(.realmMismatch))
        // A nonce made for another realm, relabelled with ours.
        var relabelled = otherRealm
        relabelled.realm = Self.realm
        #expect(Self.verify(relabelled) == .invalid(.forgedNonce))
    }

    @Test func uriMustNameTheRequestURI() throws {
        let invite = try SIPURI(parsing: "sip:bob@example.com")
        let c = Self.credentials(method: "INVITE", uri: "sip:bob@example.com")
        #expect(Self.verify(c, method: "INVITE", uri: invite) == .valid)
        // Parameters and host case do not matter.
        #expect(Self.verify(c, method: "INVITE", uri: try SIPURI(parsing: "sip:bob@EXAMPLE.com;transport=tcp")) == .valid)
        // Replayed towards another destination, another port, or another scheme.
        #expect(Self.verify(c, method: "INVITE", uri: try SIPURI(parsing: "sip:premium@example.com")) == .invalid(.uriMismatch))
        #expect(Self.verify(c, method: "INVITE", uri: try SIPURI(parsing: "sip:bob@example.com:5080")) == .invalid(.uriMismatch))
        #expect(Self.verify(c, method: "INVITE", uri: try SIPURI(parsing: "sips:bob@example.com")) == .invalid(.uriMismatch))
        // With the check off, the same credentials pass.
        var lenient = Self.verifier
        lenient.uriCheck = .ignore
        #expect(Self.verify(c, verifier: lenient, method: "INVITE", uri: try SIPURI(parsing: "sip:premium@example.com")) == .valid)
        // A uri that is not a SIP URI must match the Request-URI text.
        let odd = Self.credentials(uri: "*")
        #expect(Self.verify(odd) == .invalid(.uriMismatch))
    }

    @Test func policyChecks() {
        var strict = Self.verifier
        strict.requiresQop = true
        #expect(Self.verify(Self.credentials(qop: []), verifier: strict) == .invalid(.qopRequired))
        #expect(Self.verify(Self.credentials(), verifier: strict) == .valid)
        var shaOnly = Self.verifier
        shaOnly.allowedAlgorithms = [.sha256]
        #expect(Self.verify(Self.credentials(algorithm: .md5), verifier: shaOnly) == .invalid(.algorithmNotAllowed))
        #expect(Self.verify(Self.credentials(algorithm: .sha256), verifier: shaOnly) == .valid)
    }

    @Test func storedHA1MustFitTheAlgorithm() {
        let sha = Self.credentials(algorithm: .sha256)
        #expect(Self.verify(sha, ha1: Self.ha1(.md5)) == .invalid(.storedHA1Mismatch))
        #expect(Self.verify(Self.credentials(), ha1: "not hex at all, but thirty-two!") == .invalid(.storedHA1Mismatch))
        #expect(Self.verify(Self.credentials(), ha1: Self.ha1(.md5).uppercased()) == .valid)
    }

    @Test func verifiesAParsedRequest() throws {
        let c = Self.credentials()
        var headers = SIPHeaders()
        headers.add("Authorization", c.headerValue)
        let request = SIPRequest(method: .register, uri: Self.requestURI, headers: headers)
        let parsed = try #require(try DigestCredentials.find(in: request.headers, realm: Self.realm))
        #expect(Self.verifier.verify(parsed, request: request, storedHA1: Self.ha1(.md5), now: Self.t0 + 2) == .valid)
        let bye = SIPRequest(method: .bye, uri: Self.requestURI, headers: headers)
        #expect(Self.verifier.verify(parsed, request: bye, storedHA1: Self.ha1(.md5), now: Self.t0 + 2) == .invalid(.wrongResponse))
    }

    @Test func challengeCarriesAFreshNonceAndStaleFlag() {
        let challenge = Self.verifier.challenge(algorithm: .sha256, now: Self.t0, stale: true)
        #expect(challenge.realm == Self.realm)
        #expect(challenge.stale)
        #expect(challenge.qopOptions == [.auth])
        #expect(Self.issuer.validate(challenge.nonce, realm: Self.realm, now: Self.t0) == .fresh(issuedAt: Self.t0))
        #expect(challenge.headerValue.contains("stale=true"))
    }
}
