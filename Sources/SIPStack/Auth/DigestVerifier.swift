import SIPMessage

/// Checks Digest credentials against a stored HA1 (RFC 7616 §3.4, RFC 2617 §3.2.2, RFC 3261 §22.4), with
/// nonces from a `DigestNonceIssuer`.
///
/// Decisions, in the order they are checked:
///
/// 1. `algorithm` must be one of `allowedAlgorithms`, else `.invalid(.algorithmNotAllowed)`.
/// 2. `realm` must equal this verifier's realm, else `.invalid(.realmMismatch)`.
/// 3. The nonce must be authentic for that realm (`DigestNonceIssuer.validate`), else `.invalid(.forgedNonce)`.
///    An expired nonce is not yet a failure: see 7.
/// 4. Without `qop` (RFC 2069 compatibility) the credentials are accepted unless `requiresQop` is set
///    (`.invalid(.qopRequired)`).
/// 5. `uri` must name the Request-URI (RFC 2617 §3.2.2.5, RFC 7616 §3.4.6), per `uriCheck`, else
///    `.invalid(.uriMismatch)`. The default, `.sameAddress`, compares scheme, user, host (case-insensitively)
///    and port and ignores URI parameters: it stops a captured INVITE's credentials from being replayed towards
///    another destination within the nonce lifetime, yet tolerates a `;transport=` difference. `.ignore` is
///    for deployments behind a device that rewrites the Request-URI. RFC 2617 suggests 400 for a mismatch; the
///    caller picks the status.
/// 6. The response must equal the one computed from the stored HA1 (compared in constant time), else
///    `.invalid(.wrongResponse)`. An HA1 that is not hex of the algorithm's length gives
///    `.invalid(.storedHA1Mismatch)` (e.g. an MD5 HA1 passed for SHA-256 credentials).
/// 7. A correct response over an expired nonce is `.stale`: answer with a new challenge carrying
///    `stale=true` (RFC 7616 §3.3: only when the digest was valid). Otherwise `.valid`.
///
/// The verifier does not decide whether `username` may act for the request's AOR (RFC 3261 §10.3 step 4),
/// and cannot detect replays within the nonce lifetime (stateless nonces; see `DigestNonceIssuer`).
public struct DigestVerifier: Sendable {
    public enum URICheck: Sendable, Equatable {
        /// Accept any `uri` (the response still covers it).
        case ignore
        /// Same scheme, user, host (case-insensitive) and port as the Request-URI; parameters ignored.
        /// A `uri` that does not parse as a SIP URI must equal the Request-URI's text.
        case sameAddress
    }

    public enum Failure: Sendable, Equatable {
        case algorithmNotAllowed
        case realmMismatch
        case forgedNonce
        case qopRequired
        case uriMismatch
        case storedHA1Mismatch
        case wrongResponse
    }

    public enum Outcome: Sendable, Equatable {
        case valid
        /// The response is right but the nonce expired: re-challenge with `stale=true`.
        case stale
        case invalid(Failure)
    }

    public var realm: String
    public var issuer: DigestNonceIssuer
    public var uriCheck: URICheck
    public var allowedAlgorithms: Set<DigestAlgorithm>
    public var requiresQop: Bool

    public init(
        realm: String, issuer: DigestNonceIssuer, uriCheck: URICheck = .sameAddress,
        allowedAlgorithms: Set<DigestAlgorithm> = Set(DigestAlgorithm.allCases), requiresQop: Bool = false
    ) {
        self.realm = realm
        self.issuer = issuer
        self.uriCheck = uriCheck
        self.allowedAlgorithms = allowedAlgorithms
        self.requiresQop = requiresQop
    }

    /// A challenge with a fresh nonce for this realm (`qop="auth"`).
    public func challenge(algorithm: DigestAlgorithm, now: UnixTime, stale: Bool = false, opaque: String? = nil) -> DigestChallenge {
        DigestChallenge(
            realm: realm, nonce: issuer.makeNonce(realm: realm, now: now), algorithm: algorithm, qopOptions: [.auth],
            stale: stale, opaque: opaque)
    }

    /// Verifies `credentials` sent with `request` (its method, Request-URI and, for `auth-int`, body).
    public func verify(_ credentials: DigestCredentials, request: SIPRequest, storedHA1: String, now: UnixTime) -> Outcome {
        verify(
            credentials, method: request.method.rawValue, requestURI: request.uri, storedHA1: storedHA1, now: now,
            body: request.body)
    }

    public func verify(
        _ credentials: DigestCredentials, method: String, requestURI: SIPURI, storedHA1: String, now: UnixTime,
        body: [UInt8] = []
    ) -> Outcome {
        guard allowedAlgorithms.contains(credentials.algorithm) else { return .invalid(.algorithmNotAllowed) }
        guard credentials.realm == realm else { return .invalid(.realmMismatch) }
        let nonceValidity = issuer.validate(credentials.nonce, realm: realm, now: now)
        if nonceValidity == .forged { return .invalid(.forgedNonce) }
        if credentials.qop == nil && requiresQop { return .invalid(.qopRequired) }
        if uriCheck == .sameAddress && !Self.uri(credentials.uri, names: requestURI) { return .invalid(.uriMismatch) }
        let ha1 = storedHA1.lowercased()
        guard ha1.utf8.count == credentials.algorithm.hexDigestLength,
            ha1.utf8.allSatisfy({ HexEncoding.value(ofHexDigit: $0) != nil })
        else {
            return .invalid(.storedHA1Mismatch)
        }
        let expected = Digest.expectedResponse(for: credentials, ha1: ha1, method: method, body: body)
        guard HexEncoding.constantTimeEqual(expected, credentials.response.lowercased()) else {
            return .invalid(.wrongResponse)
        }
        if case .expired = nonceValidity { return .stale }
        return .valid
    }

    /// Whether the credentials' `uri` text names the same address as the Request-URI.
    static func uri(_ text: String, names requestURI: SIPURI) -> Bool {
        guard let uri = try? SIPURI(parsing: text) else { return text == requestURI.description }
        return uri.scheme == requestURI.scheme && uri.user == requestURI.user
            && uri.host.lowercased() == requestURI.host.lowercased() && uri.port == requestURI.port
    }
}
