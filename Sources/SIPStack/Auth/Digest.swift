/// Digest access authentication computations (RFC 2617 §3.2.2, RFC 7616 §3.4), as SIP uses them
/// (RFC 3261 §22.4: the Request-URI is the `uri`, the SIP method is the method).
///
/// Every value is lower-case hex, as on the wire. Hashes are fed piece by piece; no intermediate
/// `"a:b:c"` string is built.
public enum Digest {
    /// HA1 = H(username ":" realm ":" password) (RFC 7616 §3.4.2). This is what a server stores instead of the
    /// password, one per algorithm.
    public static func ha1(username: String, realm: String, password: String, algorithm: DigestAlgorithm) -> String {
        switch algorithm {
        case .md5: return ha1(MD5.self, username: username, realm: realm, password: password)
        case .sha256: return ha1(SHA256.self, username: username, realm: realm, password: password)
        }
    }

    /// The HA1 of a `-sess` algorithm: H(HA1 ":" nonce ":" cnonce) (RFC 7616 §3.4.2, RFC 2617 §3.2.2.2).
    public static func sessionHA1(ha1: String, nonce: String, cnonce: String, algorithm: DigestAlgorithm) -> String {
        switch algorithm {
        case .md5: return hashJoined(MD5.self, [ha1, nonce, cnonce])
        case .sha256: return hashJoined(SHA256.self, [ha1, nonce, cnonce])
        }
    }

    /// The request-digest (RFC 7616 §3.4.1; RFC 2617 §3.2.2.1):
    ///
    /// - with `qop`: KD(HA1, nonce ":" nc ":" cnonce ":" qop ":" HA2)
    /// - without (RFC 2069 compatibility): KD(HA1, nonce ":" HA2)
    ///
    /// where KD(secret, data) = H(secret ":" data), HA2 = H(method ":" uri) for `auth` and no qop, and
    /// H(method ":" uri ":" H(body)) for `auth-int` (RFC 7616 §3.4.3). `ha1` is the stored HA1; for a `-sess`
    /// algorithm pass `session: true` and the session HA1 is derived here from it, the nonce and the cnonce.
    public static func response(
        ha1: String, algorithm: DigestAlgorithm, session: Bool = false, method: String, uri: String, nonce: String,
        qop: DigestQop?, nonceCount: String?, cnonce: String?, body: [UInt8] = []
    ) -> String {
        let input = ResponseInput(
            ha1: ha1, session: session, method: method, uri: uri, nonce: nonce, qop: qop, nonceCount: nonceCount ?? "",
            cnonce: cnonce ?? "", body: body)
        switch algorithm {
        case .md5: return response(MD5.self, input)
        case .sha256: return response(SHA256.self, input)
        }
    }

    /// The response that `credentials` should carry for `method` (and `body`, for `auth-int`) when the user's
    /// HA1 for `credentials.algorithm` is `ha1`.
    public static func expectedResponse(for credentials: DigestCredentials, ha1: String, method: String, body: [UInt8] = []) -> String {
        response(
            ha1: ha1, algorithm: credentials.algorithm, session: credentials.isSession, method: method, uri: credentials.uri,
            nonce: credentials.nonce, qop: credentials.qop, nonceCount: credentials.nonceCount, cnonce: credentials.cnonce,
            body: body)
    }

    // MARK: - Generic implementations

    private struct ResponseInput {
        var ha1: String
        var session: Bool
        var method: String
        var uri: String
        var nonce: String
        var qop: DigestQop?
        var nonceCount: String
        var cnonce: String
        var body: [UInt8]
    }

    private static let colon: [UInt8] = [UInt8(ascii: ":")]

    private static func ha1<H: HashFunction>(_: H.Type, username: String, realm: String, password: String) -> String {
        hashJoined(H.self, [username, realm, password])
    }

    /// H(parts joined by ":").
    private static func hashJoined<H: HashFunction>(_: H.Type, _ parts: [String]) -> String {
        var h = H()
        for (i, part) in parts.enumerated() {
            if i > 0 { h.update(colon) }
            h.update(part)
        }
        return h.finalizeHex()
    }

    private static func response<H: HashFunction>(_: H.Type, _ input: ResponseInput) -> String {
        // HA2 (RFC 7616 §3.4.3).
        var a2 = H()
        a2.update(input.method)
        a2.update(colon)
        a2.update(input.uri)
        if input.qop == .authInt {
            a2.update(colon)
            a2.update(H.hexDigest(input.body))
        }
        let ha2 = a2.finalizeHex()

        let ha1 = input.session ? hashJoined(H.self, [input.ha1, input.nonce, input.cnonce]) : input.ha1
        var kd = H()
        kd.update(ha1)
        kd.update(colon)
        kd.update(input.nonce)
        kd.update(colon)
        if let qop = input.qop {
            kd.update(input.nonceCount)
            kd.update(colon)
            kd.update(input.cnonce)
            kd.update(colon)
            kd.update(qop.rawValue)
            kd.update(colon)
        }
        kd.update(ha2)
        return kd.finalizeHex()
    }
}
