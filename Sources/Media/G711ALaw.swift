/// G.711 A-law companding (ITU-T Rec. G.711 §3, Tables 1a/1b), the PCMA payload of RFC 3551 §4.5.14.
///
/// Works on 16-bit linear PCM: the 13-bit G.711 A-law range is scaled by 8, so decoded values
/// span ±32256 and the smallest magnitudes are ±8. Even bits of the code are inverted on the
/// line (the 0x55 mask), as G.711 specifies.
public enum G711ALaw {
    /// Upper bounds of the eight segments, in 13-bit magnitude units.
    private static let segmentEnds: [Int32] = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF]

    private static let decodeTable: [Int16] = (0...255).map { decodeSample(UInt8($0)) }

    /// Encodes one linear sample to an A-law code.
    public static func encode(_ sample: Int16) -> UInt8 {
        var value = Int32(sample) >> 3
        let mask: Int32
        if value >= 0 {
            mask = 0xD5   // sign bit set, even bits inverted
        } else {
            mask = 0x55
            value = -value - 1
        }
        guard let segment = segmentEnds.firstIndex(where: { value <= $0 }) else {
            return UInt8(truncatingIfNeeded: 0x7F ^ mask)
        }
        let shift = segment < 2 ? 1 : Int32(segment)
        let code = (Int32(segment) << 4) | ((value >> shift) & 0x0F)
        return UInt8(truncatingIfNeeded: code ^ mask)
    }

    /// Decodes one A-law code to a linear sample.
    public static func decode(_ code: UInt8) -> Int16 { decodeTable[Int(code)] }

    /// Encodes a block of samples (e.g. 160 samples = one 20 ms PCMA frame at 8 kHz).
    public static func encode(_ samples: [Int16]) -> [UInt8] { samples.map(encode) }

    /// Decodes a block of codes.
    public static func decode(_ codes: [UInt8]) -> [Int16] { codes.map { decodeTable[Int($0)] } }

    private static func decodeSample(_ code: UInt8) -> Int16 {
        let value = Int32(code ^ 0x55)
        var magnitude = (value & 0x0F) << 4
        let segment = (value & 0x70) >> 4
        switch segment {
        case 0: magnitude += 8
        case 1: magnitude += 0x108
        default: magnitude = (magnitude + 0x108) << (segment - 1)
        }
        return Int16(value & 0x80 != 0 ? magnitude : -magnitude)
    }
}
