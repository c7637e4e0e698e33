/// Issues and checks stateless digest nonces (RFC 7616 §3.3 and §5.4: "time-stamp H(time-stamp ":" ETag ":"
/// secret-data)"; here the hash is an HMAC).
///
/// ```
/// nonce = hex(timestamp, 8 bytes big-endian) hex(HMAC-SHA256(secret, timestamp ‖ realm)[0..<16])
///         16 hex digits                      32 hex digits                               = 48 characters
/// ```
///
/// Any nonce can be checked for authenticity (the MAC) and age (the timestamp) with no per-nonce storage, on
/// any node that shares the secret, across restarts. Because nothing is stored, a nonce can be replayed
/// within its lifetime and `nc` is not checked for increase: the lifetime bounds that window. The realm is
/// covered by the MAC, so a nonce issued for one realm is rejected for another.
///
/// Sans-IO: `now` is an input; the secret is the caller's (at least 16 random bytes, kept across restarts and
/// shared by the cluster).
public struct DigestNonceIssuer: Sendable {
    /// What a nonce turned out to be.
    public enum Validity: Sendable, Equatable {
        /// Authentic and no older than `lifetime`.
        case fresh(issuedAt: UnixTime)
        /// Authentic but older than `lifetime`: with a correct response, re-challenge with `stale=true`.
        case expired(issuedAt: UnixTime)
        /// Not issued by this secret for this realm, malformed, or dated further ahead than `maximumClockSkew`.
        case forged
    }

    /// Seconds a nonce stays fresh (default 300).
    public var lifetime: Int64
    /// Seconds a nonce's timestamp may lie in the future (nodes of a cluster whose clocks differ).
    public var maximumClockSkew: Int64
    private let keyedMAC: HMAC<SHA256>

    static let timestampHexLength = 16
    static let macByteCount = 16
    /// Length of every nonce this issuer produces.
    public static let nonceLength = timestampHexLength + 2 * macByteCount

    public init(secret: [UInt8], lifetime: Int64 = 300, maximumClockSkew: Int64 = 5) {
        self.keyedMAC = HMAC<SHA256>(key: secret)
        self.lifetime = lifetime
        self.maximumClockSkew = maximumClockSkew
    }

    /// A new nonce for `realm`, issued at `now`.
    public func makeNonce(realm: String, now: UnixTime) -> String {
        let timestamp = UInt64(bitPattern: now.seconds)
        return hex(timestamp: timestamp) + HexEncoding.string(from: mac(timestamp: timestamp, realm: realm))
    }

    /// Checks `nonce` for `realm` at `now`.
    public func validate(_ nonce: String, realm: String, now: UnixTime) -> Validity {
        let utf8 = nonce.utf8
        guard utf8.count == Self.nonceLength else { return .forged }
        var timestamp: UInt64 = 0
        var macBytes = [UInt8]()
        macBytes.reserveCapacity(Self.macByteCount)
        var high: UInt8 = 0
        for (index, c) in utf8.enumerated() {
            // Only the lower-case form is ever issued; accepting others would make nonces malleable.
            guard let v = HexEncoding.value(ofHexDigit: c), !(UInt8(ascii: "A")...UInt8(ascii: "F")).contains(c) else {
                return .forged
            }
            if index < Self.timestampHexLength {
                timestamp = timestamp << 4 | UInt64(v)
            } else if (index - Self.timestampHexLength) % 2 == 0 {
                high = v
            } else {
                macBytes.append(high << 4 | v)
            }
        }
        let expected = mac(timestamp: timestamp, realm: realm)
        var diff: UInt8 = 0
        for i in 0..<Self.macByteCount { diff |= expected[i] ^ macBytes[i] }
        guard diff == 0 else { return .forged }
        let issuedAt = UnixTime(seconds: Int64(bitPattern: timestamp))
        let age = now.seconds(since: issuedAt)
        if age < -maximumClockSkew { return .forged }
        return age > lifetime ? .expired(issuedAt: issuedAt) : .fresh(issuedAt: issuedAt)
    }

    private func mac(timestamp: UInt64, realm: String) -> [UInt8] {
        var mac = keyedMAC
        withUnsafeBytes(of: timestamp.bigEndian) { mac.update(bytes: $0) }
        mac.update(realm)
        return Array(mac.finalize().prefix(Self.macByteCount))
    }

    private func hex(timestamp: UInt64) -> String {
        withUnsafeBytes(of: timestamp.bigEndian) { HexEncoding.string(from: $0) }
    }
}
