import Testing
@testable import STUN

/// Peer input never traps: mutated RFC 5769 vectors and random datagrams through the parser, the typed
/// getters and the integrity checks; whatever parses round-trips.
@Suite struct STUNRobustnessTests {
    /// SplitMix64, so failures are reproducible from the seed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds = [
        RFC5769Tests.sampleRequest, RFC5769Tests.sampleIPv4Response, RFC5769Tests.sampleIPv6Response,
        RFC5769Tests.sampleLongTermRequest,
    ]

    /// Touches everything a receiver would; must not trap whatever the input.
    static func exercise(_ bytes: [UInt8]) -> Bool {
        _ = STUNMessage.checkMessageIntegrity(bytes[...], key: RFC5769Tests.shortTermPassword)
        _ = STUNMessage.checkMessageIntegritySHA256(bytes[...], key: RFC5769Tests.shortTermPassword)
        _ = STUNMessage.checkFingerprint(bytes[...])
        guard let message = try? STUNMessage(parsing: bytes) else { return false }
        _ = try? message.username()
        _ = try? message.software()
        _ = try? message.priority()
        _ = try? message.iceControlled()
        _ = try? message.iceControlling()
        _ = try? message.errorCode()
        _ = try? message.xorMappedAddress()
        _ = try? message.mappedAddress()
        _ = try? message.unknownAttributes()
        _ = message.unknownComprehensionRequired
        return true
    }

    @Test("mutated RFC 5769 vectors (flips, truncations, length edits) never trap; parsed ones round-trip")
    func mutations() throws {
        var rng = SeededGenerator(state: 5769)
        var parsed = 0
        for _ in 0..<20_000 {
            var bytes = Self.seeds[Int.random(in: 0..<Self.seeds.count, using: &rng)]
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            case 2: bytes[Int.random(in: 20..<bytes.count, using: &rng) & ~3 + 2] = UInt8.random(in: 0...255, using: &rng)
            default: bytes[3] = UInt8.random(in: 0...255, using: &rng)
            }
            guard Self.exercise(bytes) else { continue }
            parsed += 1
            let message = try STUNMessage(parsing: bytes)
            #expect(try STUNMessage(parsing: message.serialize()) == message)
        }
        #expect(parsed > 1000)
    }

    @Test("random datagrams with a valid header never trap")
    func randomDatagrams() {
        var rng = SeededGenerator(state: 8489)
        for _ in 0..<20_000 {
            let bodyLength = Int.random(in: 0...24, using: &rng) * 4
            var bytes: [UInt8] = [0, 1, 0, UInt8(bodyLength), 0x21, 0x12, 0xA4, 0x42]
            bytes += (0..<(12 + bodyLength)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = Self.exercise(bytes)
        }
    }
}
