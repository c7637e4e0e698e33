/// The hash of a digest challenge or credentials (RFC 7616 §3.3 `algorithm`, RFC 8760 for SIP).
///
/// Each also has a `-sess` variant (RFC 7616 §3.4.2), which `DigestCredentials` and `DigestChallenge`
/// carry as a separate `isSession` flag so that the same stored HA1 serves both.
public enum DigestAlgorithm: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case md5
    case sha256

    /// The wire token: `MD5`, `SHA-256`.
    public var wireName: String {
        switch self {
        case .md5: return "MD5"
        case .sha256: return "SHA-256"
        }
    }

    /// The token with `-sess` appended when `session` is set.
    public func wireName(session: Bool) -> String {
        session ? wireName + "-sess" : wireName
    }

    /// Length of a hex digest (32 for MD5, 64 for SHA-256): the form of HA1 and of `response`.
    public var hexDigestLength: Int {
        switch self {
        case .md5: return 2 * MD5.digestByteCount
        case .sha256: return 2 * SHA256.digestByteCount
        }
    }

    /// Parses an `algorithm` token, case-insensitively (RFC 7616 §3.3): `MD5`, `MD5-sess`, `SHA-256`,
    /// `SHA-256-sess`. `nil` for anything else (SHA-512-256, AKAv1-MD5 …).
    public static func parse(_ token: String) -> (algorithm: DigestAlgorithm, session: Bool)? {
        switch token.lowercased() {
        case "md5": return (.md5, false)
        case "md5-sess": return (.md5, true)
        case "sha-256": return (.sha256, false)
        case "sha-256-sess": return (.sha256, true)
        default: return nil
        }
    }

    public var description: String { wireName }
}

/// Quality of protection (RFC 7616 §3.3 `qop`).
public enum DigestQop: String, Sendable, Hashable, CaseIterable {
    /// Authentication of the request line (method and URI).
    case auth
    /// Authentication with integrity protection of the body.
    case authInt = "auth-int"
}
