import SIPMessage

/// A Digest challenge for a `WWW-Authenticate` (401) or `Proxy-Authenticate` (407) header (RFC 7616 §3.3,
/// RFC 3261 §22.1 and §22.3).
public struct DigestChallenge: Sendable, Equatable {
    public var realm: String
    public var nonce: String
    public var algorithm: DigestAlgorithm
    public var isSession: Bool
    /// Offered qop values; empty means none offered (RFC 2069 compatibility).
    public var qopOptions: [DigestQop]
    /// RFC 7616 §3.3: the previous request had a valid response for an expired nonce; the client may retry
    /// with the new nonce without asking the user again.
    public var stale: Bool
    public var opaque: String?

    public init(
        realm: String, nonce: String, algorithm: DigestAlgorithm = .md5, isSession: Bool = false,
        qopOptions: [DigestQop] = [.auth], stale: Bool = false, opaque: String? = nil
    ) {
        self.realm = realm
        self.nonce = nonce
        self.algorithm = algorithm
        self.isSession = isSession
        self.qopOptions = qopOptions
        self.stale = stale
        self.opaque = opaque
    }

    /// `Digest realm="…", nonce="…", algorithm=…, qop="auth"[, stale=true][, opaque="…"]`.
    /// (RFC 7616 §3.3: `qop` is a quoted list, `algorithm` and `stale` tokens.)
    public var headerValue: String {
        var out = "Digest realm=" + DigestParameterList.quoted(realm)
        out += ", nonce=" + DigestParameterList.quoted(nonce)
        out += ", algorithm=" + algorithm.wireName(session: isSession)
        if !qopOptions.isEmpty {
            out += ", qop=\"" + qopOptions.map(\.rawValue).joined(separator: ",") + "\""
        }
        if stale { out += ", stale=true" }
        if let opaque { out += ", opaque=" + DigestParameterList.quoted(opaque) }
        return out
    }

    /// Parses a challenge (what a client does with a 401/407). Unknown qop values in the list are dropped;
    /// `stale` is true only for the token `true`, any case (RFC 7616 §3.3).
    public init(parsing value: String) throws(DigestParseError) {
        let list = try DigestParameterList(parsing: value)
        guard let realm = list["realm"]?.value else { throw DigestParseError(.missingParameter, "realm") }
        guard let nonce = list["nonce"]?.value else { throw DigestParseError(.missingParameter, "nonce") }
        self.realm = realm
        self.nonce = nonce
        if let token = list["algorithm"]?.value {
            guard let (algorithm, session) = DigestAlgorithm.parse(token) else {
                throw DigestParseError(.unsupportedAlgorithm, token)
            }
            self.algorithm = algorithm
            self.isSession = session
        } else {
            self.algorithm = .md5
            self.isSession = false
        }
        if let qop = list["qop"]?.value {
            self.qopOptions = qop.split(separator: ",").compactMap {
                DigestQop(rawValue: $0.trimmingSIPWhitespace().lowercased())
            }
            if qopOptions.isEmpty { throw DigestParseError(.unsupportedQop, qop) }
        } else {
            self.qopOptions = []
        }
        self.stale = list["stale"]?.value.lowercased() == "true"
        self.opaque = list["opaque"]?.value
    }

    /// The header that carries a challenge: `WWW-Authenticate` in a 401, `Proxy-Authenticate` in a 407
    /// (RFC 3261 §22.1, §22.3).
    public static func headerName(proxy: Bool) -> String { proxy ? "Proxy-Authenticate" : "WWW-Authenticate" }

    /// A 401 (or, with `proxy`, 407) response to `request` carrying one header per challenge, in order.
    /// RFC 8760 §2.4: list the preferred algorithm first (SHA-256 before MD5).
    public static func challengeResponse(
        replyingTo request: SIPRequest, challenges: [DigestChallenge], proxy: Bool = false, toTag: String? = nil
    ) -> SIPResponse {
        var response = SIPResponse(replyingTo: request, statusCode: proxy ? 407 : 401, toTag: toTag)
        for challenge in challenges {
            response.headers.add(headerName(proxy: proxy), challenge.headerValue)
        }
        return response
    }
}
