import SIPMessage

/// Digest credentials from an `Authorization` or `Proxy-Authorization` header (RFC 7616 §3.4, RFC 2617
/// §3.2.2, RFC 3261 §22.2 and §22.3; the SIP grammar is `digest-response` in RFC 3261 §25.1).
///
/// Parameters may come in any order, quoted or not; unknown ones are ignored (RFC 7616 §3.4). `username`,
/// `realm`, `nonce`, `uri` and `response` are required; with `qop`, so are `cnonce` and `nc`
/// (RFC 7616 §3.4), and a `-sess` algorithm needs `cnonce`.
public struct DigestCredentials: Sendable, Equatable {
    public var username: String
    public var realm: String
    public var nonce: String
    /// The `uri` the response was computed over (the Request-URI in SIP, RFC 3261 §22.4).
    public var uri: String
    /// The request-digest, lower-cased hex.
    public var response: String
    public var algorithm: DigestAlgorithm
    /// `algorithm` was a `-sess` variant.
    public var isSession: Bool
    public var cnonce: String?
    public var opaque: String?
    /// `nil` means RFC 2069 compatibility mode (no qop).
    public var qop: DigestQop?
    /// `nc` exactly as received (8 hex digits): the response is computed over this text.
    public var nonceCount: String?
    /// RFC 7616 §3.4.4 `userhash=true`: `username` is H(username ":" realm). Reported, not resolved here.
    public var userhash: Bool

    public init(
        username: String, realm: String, nonce: String, uri: String, response: String,
        algorithm: DigestAlgorithm = .md5, isSession: Bool = false, cnonce: String? = nil, opaque: String? = nil,
        qop: DigestQop? = nil, nonceCount: String? = nil, userhash: Bool = false
    ) {
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.response = response
        self.algorithm = algorithm
        self.isSession = isSession
        self.cnonce = cnonce
        self.opaque = opaque
        self.qop = qop
        self.nonceCount = nonceCount
        self.userhash = userhash
    }

    /// `nc` as a number, when present.
    public var nonceCountValue: UInt32? { nonceCount.flatMap { UInt32($0, radix: 16) } }

    /// Parses a header value such as `Digest username="bob", realm="biloxi.com", …`.
    public init(parsing value: String) throws(DigestParseError) {
        let list = try DigestParameterList(parsing: value)
        func required(_ name: String) throws(DigestParseError) -> String {
            guard let p = list[name] else { throw DigestParseError(.missingParameter, name) }
            return p.value
        }
        self.username = try required("username")
        self.realm = try required("realm")
        self.nonce = try required("nonce")
        self.uri = try required("uri")
        let response = try required("response")
        if let token = list["algorithm"]?.value {
            guard let (algorithm, session) = DigestAlgorithm.parse(token) else {
                throw DigestParseError(.unsupportedAlgorithm, token)
            }
            self.algorithm = algorithm
            self.isSession = session
        } else {
            self.algorithm = .md5  // RFC 7616 §3.3: absent means MD5.
            self.isSession = false
        }
        self.cnonce = list["cnonce"]?.value
        self.opaque = list["opaque"]?.value
        self.userhash = list["userhash"]?.value.lowercased() == "true"
        if let token = list["qop"]?.value {
            guard let qop = DigestQop(rawValue: token.lowercased()) else { throw DigestParseError(.unsupportedQop, token) }
            self.qop = qop
            guard let nc = list["nc"]?.value else { throw DigestParseError(.missingParameter, "nc") }
            guard nc.utf8.count == 8, nc.utf8.allSatisfy({ HexEncoding.value(ofHexDigit: $0) != nil }) else {
                throw DigestParseError(.invalidNonceCount, nc)
            }
            self.nonceCount = nc
            guard cnonce != nil else { throw DigestParseError(.missingParameter, "cnonce") }
        } else {
            self.qop = nil
            self.nonceCount = list["nc"]?.value
        }
        if isSession && cnonce == nil { throw DigestParseError(.missingParameter, "cnonce") }
        guard response.utf8.count == algorithm.hexDigestLength,
            response.utf8.allSatisfy({ HexEncoding.value(ofHexDigit: $0) != nil })
        else {
            throw DigestParseError(.invalidResponse, response)
        }
        self.response = response.lowercased()
    }

    /// The header value: `Digest username="…", realm="…", nonce="…", uri="…", response="…", algorithm=…`
    /// then `cnonce`, `opaque`, `qop`, `nc` when set (RFC 7616 §3.4 quoting: `algorithm`, `qop`, `nc` are
    /// tokens, the rest quoted strings).
    public var headerValue: String {
        var out = "Digest username=" + DigestParameterList.quoted(username)
        out += ", realm=" + DigestParameterList.quoted(realm)
        out += ", nonce=" + DigestParameterList.quoted(nonce)
        out += ", uri=" + DigestParameterList.quoted(uri)
        out += ", response=" + DigestParameterList.quoted(response)
        out += ", algorithm=" + algorithm.wireName(session: isSession)
        if let cnonce { out += ", cnonce=" + DigestParameterList.quoted(cnonce) }
        if let opaque { out += ", opaque=" + DigestParameterList.quoted(opaque) }
        if let qop { out += ", qop=" + qop.rawValue }
        if let nonceCount, qop != nil { out += ", nc=" + nonceCount }
        if userhash { out += ", userhash=true" }
        return out
    }

    /// The credentials a client sends in answer to `challenge` (RFC 7616 §3.4; the UAC side of RFC 3261
    /// §22.2): `qop=auth` when the challenge offers it (else `auth-int` when that alone is offered, else none),
    /// computed from `ha1` (see `Digest.ha1`). `cnonce` should be fresh random text; `nonceCount` counts
    /// the requests sent with this nonce, from 1.
    public static func answering(
        _ challenge: DigestChallenge, username: String, ha1: String, method: String, uri: String, cnonce: String,
        nonceCount: UInt32 = 1, body: [UInt8] = []
    ) -> DigestCredentials {
        let qop: DigestQop? =
            challenge.qopOptions.contains(.auth) ? .auth : (challenge.qopOptions.contains(.authInt) ? .authInt : nil)
        let usesCnonce = qop != nil || challenge.isSession
        var credentials = DigestCredentials(
            username: username, realm: challenge.realm, nonce: challenge.nonce, uri: uri, response: "",
            algorithm: challenge.algorithm, isSession: challenge.isSession, cnonce: usesCnonce ? cnonce : nil,
            opaque: challenge.opaque, qop: qop, nonceCount: qop == nil ? nil : Self.formatNonceCount(nonceCount))
        credentials.response = Digest.expectedResponse(for: credentials, ha1: ha1, method: method, body: body)
        return credentials
    }

    /// `nc` as 8 lower-case hex digits (RFC 7616 §3.4).
    static func formatNonceCount(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The Digest credentials for `realm` among the `Authorization` (or, with `proxy`, `Proxy-Authorization`)
    /// fields of `headers` (RFC 3261 §22.3: a request may carry several, one per realm).
    ///
    /// Returns `nil` when no Digest field names `realm` (answer with a challenge). Throws the parse error of a
    /// malformed Digest field when no well-formed one matches.
    public static func find(in headers: SIPHeaders, realm: String, proxy: Bool = false) throws(DigestParseError) -> DigestCredentials? {
        var firstError: DigestParseError?
        // Each field value is one credentials value: commas inside it separate parameters, not elements.
        for value in headers.values(proxy ? "Proxy-Authorization" : "Authorization") {
            do {
                let credentials = try DigestCredentials(parsing: value)
                if credentials.realm == realm { return credentials }
            } catch {
                if error.code != .notDigest, firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        return nil
    }
}
