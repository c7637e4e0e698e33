import Testing
import Media

/// ITU-T G.711 known values (Tables 1 and 2, scaled to 16-bit linear PCM), cross-checked against
/// Python's `audioop` (Sun's reference g711.c) over all 256 codes and all 65536 A-law inputs.
@Suite struct G711Tests {
    @Test(arguments: [
        (UInt8(0x00), Int16(-32124)), (0x80, 32124), (0xFF, 0), (0x7F, 0),
        (0x0F, -16764), (0x55, -716), (0xD5, 716), (0x2A, -5372), (0xAA, 5372),
    ])
    func muLawDecodesKnownCodes(code: UInt8, linear: Int16) {
        #expect(G711MuLaw.decode(code) == linear)
    }

    @Test(arguments: [
        (Int16(0), UInt8(0xFF)), (1, 0xFF), (-1, 0x7F), (100, 0xF2), (-100, 0x72),
        (1000, 0xCE), (-1000, 0x4E), (32767, 0x80), (-32768, 0x00), (32124, 0x80), (-32124, 0x00),
    ])
    func muLawEncodesKnownSamples(linear: Int16, code: UInt8) {
        #expect(G711MuLaw.encode(linear) == code)
    }

    @Test(arguments: [
        (UInt8(0xD5), Int16(8)), (0x55, -8), (0xAA, 32256), (0x2A, -32256),
        (0x80, 5504), (0x00, -5504), (0xFF, 848), (0x7F, -848), (0x34, -8960), (0xB4, 8960),
    ])
    func aLawDecodesKnownCodes(code: UInt8, linear: Int16) {
        #expect(G711ALaw.decode(code) == linear)
    }

    @Test(arguments: [
        (Int16(0), UInt8(0xD5)), (-1, 0x55), (100, 0xD3), (-100, 0x53), (1000, 0xFA),
        (-1000, 0x7A), (32767, 0xAA), (-32768, 0x2A),
    ])
    func aLawEncodesKnownSamples(linear: Int16, code: UInt8) {
        #expect(G711ALaw.encode(linear) == code)
    }

    @Test func muLawRoundTripsAll256Codes() {
        for code in UInt8.min...UInt8.max {
            let back = G711MuLaw.encode(G711MuLaw.decode(code))
            // 0x7F is μ-law's "negative zero": it decodes to 0, which encodes as positive zero 0xFF.
            #expect(back == (code == 0x7F ? 0xFF : code), "code \(code)")
        }
    }

    @Test func aLawRoundTripsAll256Codes() {
        for code in UInt8.min...UInt8.max {
            #expect(G711ALaw.encode(G711ALaw.decode(code)) == code, "code \(code)")
        }
    }

    @Test func decodedValuesAreMonotonicInMagnitudeWithinEachSign() {
        // μ-law positive codes 0xFF down to 0x80 decode to increasing values. A-law positive codes
        // are 0x80...0xFF with even bits inverted, so their order is scrambled: check they are 128
        // distinct positive values instead.
        let muPositive = (0x80...0xFF).reversed().map { G711MuLaw.decode(UInt8($0)) }
        #expect(muPositive == muPositive.sorted())
        let aPositive = Set((0x80...0xFF).map { G711ALaw.decode(UInt8($0)) })
        #expect(aPositive.count == 128 && aPositive.allSatisfy { $0 > 0 })
    }

    @Test func encodingIsSignSymmetric() {
        for sample in stride(from: 1, through: 32767, by: 7) {
            let s = Int16(sample)
            #expect(G711MuLaw.encode(-s) == G711MuLaw.encode(s) ^ 0x80, "μ-law \(s)")
        }
    }

    @Test func quantizationErrorIsWithinHalfAStep() {
        // Re-encoding the decoded value of any input must not move more than one code away, and the
        // reconstruction error is bounded by the segment step (largest step: 1024 μ-law, 1024 A-law).
        for sample in stride(from: -32000, through: 32000, by: 13) {
            let s = Int16(sample)
            #expect(abs(Int(G711MuLaw.decode(G711MuLaw.encode(s))) - sample) <= 512)
            #expect(abs(Int(G711ALaw.decode(G711ALaw.encode(s))) - sample) <= 512)
        }
    }

    @Test func blockCodingMatchesPerSampleCoding() {
        let frame = (0..<160).map { Int16(truncatingIfNeeded: $0 * 401 - 32000) }
        #expect(G711MuLaw.encode(frame) == frame.map { G711MuLaw.encode($0) })
        #expect(G711ALaw.decode(G711ALaw.encode(frame)).count == 160)
    }
}
