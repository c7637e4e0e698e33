/// Message padding shared by MD5, SHA-1 and SHA-256 (RFC 1321 §3.1–3.2, FIPS 180-4 §5.1.1): a 1 bit,
/// zeros up to 56 mod 64 octets, then the message length in bits as 64 bits.
enum MerkleDamgard {
    static let blockSize = 64

    static func pad(_ message: [UInt8], bigEndianLength: Bool) -> [UInt8] {
        var padded = message
        let bitLength = UInt64(message.count) &* 8
        padded.reserveCapacity(message.count + 72)
        padded.append(0x80)
        while padded.count % blockSize != 56 { padded.append(0) }
        for i in 0..<8 {
            let shift = bigEndianLength ? UInt64(56 - 8 * i) : UInt64(8 * i)
            padded.append(UInt8(truncatingIfNeeded: bitLength >> shift))
        }
        return padded
    }

    @inline(__always) static func bigEndianWord(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    @inline(__always) static func littleEndianWord(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    static func bigEndianBytes(_ words: [UInt32]) -> [UInt8] {
        words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    }

    static func littleEndianBytes(_ words: [UInt32]) -> [UInt8] {
        words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) } }
    }
}

extension UInt32 {
    @inline(__always) func rotatedLeft(_ count: UInt32) -> UInt32 { self << count | self >> (32 - count) }
    @inline(__always) func rotatedRight(_ count: UInt32) -> UInt32 { self >> count | self << (32 - count) }
}
