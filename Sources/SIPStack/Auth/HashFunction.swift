/// A hash function fed incrementally: `update` any number of times, then `finalize` once.
///
/// Implemented here in Swift (no crypto library is available to this target) by `MD5` (RFC 1321) and `SHA256`
/// (FIPS 180-4), which digest authentication (RFC 2617, RFC 7616) and the stateless nonces of
/// `DigestNonceIssuer` use. Both work on raw buffers and keep their pending block inline, so hashing does not
/// allocate.
public protocol HashFunction: Sendable {
    /// Bytes in a digest (16 for MD5, 32 for SHA-256).
    static var digestByteCount: Int { get }
    /// Bytes in an input block (64 for both; HMAC pads its key to this, RFC 2104 §2).
    static var blockByteCount: Int { get }

    init()

    /// Absorbs `bytes`.
    mutating func update(bytes: UnsafeRawBufferPointer)

    /// Pads the input, and writes the `digestByteCount` digest bytes to the start of `output`.
    /// The value must not be updated afterwards.
    mutating func finalize(into output: UnsafeMutableRawBufferPointer)
}

extension HashFunction {
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(bytes: $0) }
    }

    /// Absorbs the UTF-8 bytes of `string`.
    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The digest as bytes.
    public mutating func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { buffer, count in
            finalize(into: UnsafeMutableRawBufferPointer(buffer))
            count = Self.digestByteCount
        }
    }

    /// The digest as lower-case hex (the `LHEX` form RFC 2617 §3.2.2 and RFC 7616 §3.4 put on the wire).
    public mutating func finalizeHex() -> String {
        withUnsafeTemporaryAllocation(byteCount: Self.digestByteCount, alignment: 8) { buffer in
            finalize(into: buffer)
            return HexEncoding.string(from: UnsafeRawBufferPointer(buffer))
        }
    }

    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var h = Self()
        h.update(bytes)
        return h.finalize()
    }

    public static func hash(_ string: String) -> [UInt8] {
        var h = Self()
        h.update(string)
        return h.finalize()
    }

    /// Lower-case hex digest of the UTF-8 bytes of `string`.
    public static func hexDigest(_ string: String) -> String {
        var h = Self()
        h.update(string)
        return h.finalizeHex()
    }

    /// Lower-case hex digest of `bytes`.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        var h = Self()
        h.update(bytes)
        return h.finalizeHex()
    }
}

/// Lower-case hexadecimal text for bytes, and back.
public enum HexEncoding {
    /// "0123456789abcdef" as 16 bytes in memory, whatever the byte order.
    private static let digits: (UInt64, UInt64) = (
        UInt64(0x3736_3534_3332_3130).littleEndian, UInt64(0x6665_6463_6261_3938).littleEndian
    )

    /// Two lower-case hex digits per byte.
    public static func string(from bytes: UnsafeRawBufferPointer) -> String {
        guard !bytes.isEmpty else { return "" }
        return withUnsafeBytes(of: digits) { table in
            String(unsafeUninitializedCapacity: bytes.count * 2) { out in
                var j = 0
                for byte in bytes {
                    out[j] = table[Int(byte >> 4)]
                    out[j + 1] = table[Int(byte & 0x0F)]
                    j += 2
                }
                return j
            }
        }
    }

    public static func string(from bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { string(from: $0) }
    }

    /// Decodes hex text (either case); `nil` for an odd length or a non-hex character.
    public static func bytes(from text: String) -> [UInt8]? {
        let utf8 = text.utf8
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var high: UInt8?
        for c in utf8 {
            guard let v = value(ofHexDigit: c) else { return nil }
            if let h = high {
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        return out
    }

    /// The value of one ASCII hex digit, or `nil`.
    @inline(__always)
    static func value(ofHexDigit c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    /// Compares two strings' bytes in time that depends only on their lengths, so that a response or MAC check
    /// does not reveal how many leading bytes matched.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                var diff: UInt8 = 0
                for i in 0..<x.count { diff |= x[i] ^ y[i] }
                return diff == 0
            }
        }
    }
}

/// The 64-byte block buffer and length counter shared by the Merkle–Damgård hashes here, stored inline so
/// that a hash value never allocates.
struct HashBlockBuffer: Sendable {
    var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Bytes pending in `bytes`.
    var count = 0
    /// Total bytes absorbed.
    var totalLength: UInt64 = 0
}

/// A hash made of a 64-byte compression function (MD5, SHA-256).
protocol BlockCompressingHash {
    var pending: HashBlockBuffer { get set }
    /// Whether the final 64-bit message length is big-endian (SHA-256) or little-endian (MD5).
    static var lengthIsBigEndian: Bool { get }
    /// Processes one 64-byte block at `block` (any alignment).
    mutating func compress(_ block: UnsafeRawPointer)
}

extension BlockCompressingHash {
    mutating func absorb(_ input: UnsafeRawBufferPointer) {
        guard var p = input.baseAddress, !input.isEmpty else { return }
        var remaining = input.count
        pending.totalLength &+= UInt64(remaining)
        if pending.count > 0 {
            let take = min(64 - pending.count, remaining)
            var block = pending.bytes
            let offset = pending.count
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.advanced(by: offset).copyMemory(from: p, byteCount: take) }
            pending.bytes = block
            pending.count += take
            p += take
            remaining -= take
            guard pending.count == 64 else { return }
            withUnsafeBytes(of: block) { compress($0.baseAddress!) }
            pending.count = 0
        }
        while remaining >= 64 {
            compress(p)
            p += 64
            remaining -= 64
        }
        if remaining > 0 {
            var block = pending.bytes
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.copyMemory(from: p, byteCount: remaining) }
            pending.bytes = block
            pending.count = remaining
        }
    }

    /// Appends 0x80, zeros and the bit length (RFC 1321 §3.1–3.2, FIPS 180-4 §5.1.1) and compresses the
    /// last one or two blocks.
    mutating func padAndCompressFinalBlocks() {
        let bitLength = pending.totalLength &* 8
        let count = pending.count
        let blocks = count < 56 ? 1 : 2
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                   UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let pendingBytes = pending.bytes
        withUnsafeMutableBytes(of: &tail) { raw in
            withUnsafeBytes(of: pendingBytes) { raw.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            raw[count] = 0x80
            let end = blocks * 64
            for i in 0..<8 {
                let shift = Self.lengthIsBigEndian ? UInt64(56 - 8 * i) : UInt64(8 * i)
                raw[end - 8 + i] = UInt8(truncatingIfNeeded: bitLength >> shift)
            }
        }
        withUnsafeBytes(of: tail) { raw in
            compress(raw.baseAddress!)
            if blocks == 2 { compress(raw.baseAddress! + 64) }
        }
        pending.count = 0
    }
}
