/// MD5 (RFC 1321), for HTTP/SIP digest authentication only (RFC 2617, RFC 3261 §22.4). MD5 is broken for
/// collision resistance; digest authentication keeps it because every SIP phone speaks it.
public struct MD5: HashFunction, BlockCompressingHash {
    public static let digestByteCount = 16
    public static let blockByteCount = 64
    static let lengthIsBigEndian = false

    // RFC 1321 §3.3: initial buffer A, B, C, D.
    private var a0: UInt32 = 0x6745_2301
    private var b0: UInt32 = 0xEFCD_AB89
    private var c0: UInt32 = 0x98BA_DCFE
    private var d0: UInt32 = 0x1032_5476
    var pending = HashBlockBuffer()

    public init() {}

    public mutating func update(bytes: UnsafeRawBufferPointer) {
        absorb(bytes)
    }

    public mutating func finalize(into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= Self.digestByteCount, "MD5 output buffer too small")
        padAndCompressFinalBlocks()
        output.storeBytes(of: a0.littleEndian, toByteOffset: 0, as: UInt32.self)
        output.storeBytes(of: b0.littleEndian, toByteOffset: 4, as: UInt32.self)
        output.storeBytes(of: c0.littleEndian, toByteOffset: 8, as: UInt32.self)
        output.storeBytes(of: d0.littleEndian, toByteOffset: 12, as: UInt32.self)
    }

    // RFC 1321 §3.4 auxiliary functions and round operations: a = b + ((a + F(b,c,d) + X[k] + T[i]) <<< s).
    @inline(__always)
    private static func ff(_ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ x: UInt32, _ s: UInt32, _ t: UInt32) {
        a = b &+ rotl(a &+ ((b & c) | (~b & d)) &+ x &+ t, s)
    }

    @inline(__always)
    private static func gg(_ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ x: UInt32, _ s: UInt32, _ t: UInt32) {
        a = b &+ rotl(a &+ ((b & d) | (c & ~d)) &+ x &+ t, s)
    }

    @inline(__always)
    private static func hh(_ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ x: UInt32, _ s: UInt32, _ t: UInt32) {
        a = b &+ rotl(a &+ (b ^ c ^ d) &+ x &+ t, s)
    }

    @inline(__always)
    private static func ii(_ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ x: UInt32, _ s: UInt32, _ t: UInt32) {
        a = b &+ rotl(a &+ (c ^ (b | ~d)) &+ x &+ t, s)
    }

    @inline(__always)
    private static func rotl(_ x: UInt32, _ s: UInt32) -> UInt32 { (x << s) | (x >> (32 - s)) }

    mutating func compress(_ block: UnsafeRawPointer) {
        @inline(__always) func w(_ i: Int) -> UInt32 {
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
        }
        let x0 = w(0), x1 = w(1), x2 = w(2), x3 = w(3), x4 = w(4), x5 = w(5), x6 = w(6), x7 = w(7)
        let x8 = w(8), x9 = w(9), x10 = w(10), x11 = w(11), x12 = w(12), x13 = w(13), x14 = w(14), x15 = w(15)
        var a = a0, b = b0, c = c0, d = d0

        // Round 1 (T[i] = floor(2^32 * |sin(i)|), RFC 1321 §3.4).
        Self.ff(&a, b, c, d, x0, 7, 0xD76A_A478); Self.ff(&d, a, b, c, x1, 12, 0xE8C7_B756)
        Self.ff(&c, d, a, b, x2, 17, 0x2420_70DB); Self.ff(&b, c, d, a, x3, 22, 0xC1BD_CEEE)
        Self.ff(&a, b, c, d, x4, 7, 0xF57C_0FAF); Self.ff(&d, a, b, c, x5, 12, 0x4787_C62A)
        Self.ff(&c, d, a, b, x6, 17, 0xA830_4613); Self.ff(&b, c, d, a, x7, 22, 0xFD46_9501)
        Self.ff(&a, b, c, d, x8, 7, 0x6980_98D8); Self.ff(&d, a, b, c, x9, 12, 0x8B44_F7AF)
        Self.ff(&c, d, a, b, x10, 17, 0xFFFF_5BB1); Self.ff(&b, c, d, a, x11, 22, 0x895C_D7BE)
        Self.ff(&a, b, c, d, x12, 7, 0x6B90_1122); Self.ff(&d, a, b, c, x13, 12, 0xFD98_7193)
        Self.ff(&c, d, a, b, x14, 17, 0xA679_438E); Self.ff(&b, c, d, a, x15, 22, 0x49B4_0821)
        // Round 2.
        Self.gg(&a, b, c, d, x1, 5, 0xF61E_2562); Self.gg(&d, a, b, c, x6, 9, 0xC040_B340)
        Self.gg(&c, d, a, b, x11, 14, 0x265E_5A51); Self.gg(&b, c, d, a, x0, 20, 0xE9B6_C7AA)
        Self.gg(&a, b, c, d, x5, 5, 0xD62F_105D); Self.gg(&d, a, b, c, x10, 9, 0x0244_1453)
        Self.gg(&c, d, a, b, x15, 14, 0xD8A1_E681); Self.gg(&b, c, d, a, x4, 20, 0xE7D3_FBC8)
        Self.gg(&a, b, c, d, x9, 5, 0x21E1_CDE6); Self.gg(&d, a, b, c, x14, 9, 0xC337_07D6)
        Self.gg(&c, d, a, b, x3, 14, 0xF4D5_0D87); Self.gg(&b, c, d, a, x8, 20, 0x455A_14ED)
        Self.gg(&a, b, c, d, x13, 5, 0xA9E3_E905); Self.gg(&d, a, b, c, x2, 9, 0xFCEF_A3F8)
        Self.gg(&c, d, a, b, x7, 14, 0x676F_02D9); Self.gg(&b, c, d, a, x12, 20, 0x8D2A_4C8A)
        // Round 3.
        Self.hh(&a, b, c, d, x5, 4, 0xFFFA_3942); Self.hh(&d, a, b, c, x8, 11, 0x8771_F681)
        Self.hh(&c, d, a, b, x11, 16, 0x6D9D_6122); Self.hh(&b, c, d, a, x14, 23, 0xFDE5_380C)
        Self.hh(&a, b, c, d, x1, 4, 0xA4BE_EA44); Self.hh(&d, a, b, c, x4, 11, 0x4BDE_CFA9)
        Self.hh(&c, d, a, b, x7, 16, 0xF6BB_4B60); Self.hh(&b, c, d, a, x10, 23, 0xBEBF_BC70)
        Self.hh(&a, b, c, d, x13, 4, 0x289B_7EC6); Self.hh(&d, a, b, c, x0, 11, 0xEAA1_27FA)
        Self.hh(&c, d, a, b, x3, 16, 0xD4EF_3085); Self.hh(&b, c, d, a, x6, 23, 0x0488_1D05)
        Self.hh(&a, b, c, d, x9, 4, 0xD9D4_D039); Self.hh(&d, a, b, c, x12, 11, 0xE6DB_99E5)
        Self.hh(&c, d, a, b, x15, 16, 0x1FA2_7CF8); Self.hh(&b, c, d, a, x2, 23, 0xC4AC_5665)
        // Round 4.
        Self.ii(&a, b, c, d, x0, 6, 0xF429_2244); Self.ii(&d, a, b, c, x7, 10, 0x432A_FF97)
        Self.ii(&c, d, a, b, x14, 15, 0xAB94_23A7); Self.ii(&b, c, d, a, x5, 21, 0xFC93_A039)
        Self.ii(&a, b, c, d, x12, 6, 0x655B_59C3); Self.ii(&d, a, b, c, x3, 10, 0x8F0C_CC92)
        Self.ii(&c, d, a, b, x10, 15, 0xFFEF_F47D); Self.ii(&b, c, d, a, x1, 21, 0x8584_5DD1)
        Self.ii(&a, b, c, d, x8, 6, 0x6FA8_7E4F); Self.ii(&d, a, b, c, x15, 10, 0xFE2C_E6E0)
        Self.ii(&c, d, a, b, x6, 15, 0xA301_4314); Self.ii(&b, c, d, a, x13, 21, 0x4E08_11A1)
        Self.ii(&a, b, c, d, x4, 6, 0xF753_7E82); Self.ii(&d, a, b, c, x11, 10, 0xBD3A_F235)
        Self.ii(&c, d, a, b, x2, 15, 0x2AD7_D2BB); Self.ii(&b, c, d, a, x9, 21, 0xEB86_D391)

        a0 &+= a
        b0 &+= b
        c0 &+= c
        d0 &+= d
    }
}
