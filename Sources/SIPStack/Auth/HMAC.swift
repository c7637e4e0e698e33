/// HMAC (RFC 2104) over any `HashFunction`: H(K XOR opad, H(K XOR ipad, text)).
///
/// The keyed inner and outer states are computed once in `init(key:)`; a copy of the value then costs no key
/// processing, so a long-lived `HMAC` can be copied per message:
///
/// ```swift
/// let keyed = HMAC<SHA256>(key: secret)
/// var mac = keyed
/// mac.update(message)
/// let tag = mac.finalize()
/// ```
public struct HMAC<H: HashFunction>: Sendable {
    private var inner: H
    private var outer: H

    /// RFC 2104 §2: a key longer than the block is hashed first; a shorter one is padded with zeros.
    public init(key: [UInt8]) {
        var block = [UInt8](repeating: 0, count: H.blockByteCount)
        if key.count > H.blockByteCount {
            let hashed = H.hash(key)
            block.replaceSubrange(0..<hashed.count, with: hashed)
        } else {
            block.replaceSubrange(0..<key.count, with: key)
        }
        var inner = H()
        var outer = H()
        block.withUnsafeMutableBytes { raw in
            for i in 0..<raw.count { raw[i] ^= 0x36 }
            inner.update(bytes: UnsafeRawBufferPointer(raw))
            for i in 0..<raw.count { raw[i] ^= 0x36 ^ 0x5C }
            outer.update(bytes: UnsafeRawBufferPointer(raw))
        }
        self.inner = inner
        self.outer = outer
    }

    public mutating func update(bytes: UnsafeRawBufferPointer) {
        inner.update(bytes: bytes)
    }

    public mutating func update(_ bytes: [UInt8]) {
        inner.update(bytes)
    }

    public mutating func update(_ string: String) {
        inner.update(string)
    }

    /// The authentication code (`H.digestByteCount` bytes). The value must not be updated afterwards.
    public mutating func finalize() -> [UInt8] {
        let innerDigest = inner.finalize()
        var outer = self.outer
        outer.update(innerDigest)
        return outer.finalize()
    }

    public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        var mac = HMAC(key: key)
        mac.update(message)
        return mac.finalize()
    }
}
