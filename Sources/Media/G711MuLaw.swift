/// G.711 μ-law companding (ITU-T Rec. G.711 §2, Tables 2a/2b), the PCMU payload of RFC 3551 §4.5.14.
///
/// Works on 16-bit linear PCM. The 14-bit G.711 μ-law range is scaled by 4, so decoded values
/// span ±32124. Encoding uses the segment/mantissa bit layout with the 0x84 (33 × 4) bias;
/// codes are transmitted with all bits inverted, as G.711 specifies.
public enum G711MuLaw {
    private static let bias: Int32 = 0x84
    private static let clip: Int32 = 32635

    /// Decoding table for all 256 codes (built once from ``decodeSample(_:)``).
    private static let decodeTable: [Int16] = (0...255).map { decodeSample(UInt8($0)) }

    /// Encodes one linear sample to a μ-law code.
    public static func encode(_ sample: Int16) -> UInt8 {
        var magnitude = Int32(sample)
        let sign: Int32 = magnitude < 0 ? 0x80 : 0
        if magnitude < 0 { magnitude = -magnitude }
        magnitude = min(magnitude, clip) + bias
        // Segment (exponent) = floor(log2(magnitude)) - 7; magnitude is 132...32767 here, so 0...7.
        let exponent = Int32(Int32.bitWidth - 1 - (magnitude >> 7).leadingZeroBitCount)
        let mantissa = (magnitude >> (exponent + 3)) & 0x0F
        return UInt8(truncatingIfNeeded: ~(sign | (exponent << 4) | mantissa))
    }

    /// Decodes one μ-law code to a linear sample.
    public static func decode(_ code: UInt8) -> Int16 { decodeTable[Int(code)] }

    /// Encodes a block of samples (e.g. 160 samples = one 20 ms PCMU frame at 8 kHz).
    public static func encode(_ samples: [Int16]) -> [UInt8] { samples.map(encode) }

    /// Decodes a block of codes.
    public static func decode(_ codes: [UInt8]) -> [Int16] { codes.map { decodeTable[Int($0)] } }

    private static func decodeSample(_ code: UInt8) -> Int16 {
        let inverted = Int32(~code)
        let exponent = (inverted >> 4) & 0x07
        let mantissa = inverted & 0x0F
        let magnitude = (((mantissa << 3) + bias) << exponent) - bias
        return Int16(inverted & 0x80 != 0 ? -magnitude : magnitude)
    }
}
