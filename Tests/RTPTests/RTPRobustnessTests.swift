import Testing
@testable import RTP

/// Peer input never traps: deterministic pseudo-random datagrams through every parser, and the
/// round-trip property (parse → serialize → parse is stable) for whatever parses.
@Suite struct RTPRobustnessTests {
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

    static func datagrams(seed: UInt64, firstByte: ClosedRange<UInt8>, count: Int) -> [[UInt8]] {
        var rng = SeededGenerator(state: seed)
        return (0..<count).map { _ in
            var bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if !bytes.isEmpty { bytes[0] = UInt8.random(in: firstByte, using: &rng) }
            return bytes
        }
    }

    @Test("random RTP datagrams never trap; parsed packets round-trip (padding octets are zeroed)")
    func rtpRoundTrip() throws {
        var parsed = 0
        for bytes in Self.datagrams(seed: 1, firstByte: 0x80...0xBF, count: 5000) {
            guard let packet = try? RTPPacket(parsing: bytes) else { continue }
            parsed += 1
            let serialized = packet.serialize()
            #expect(serialized.count == bytes.count)
            #expect(try RTPPacket(parsing: serialized) == packet)
            if packet.paddingLength == 0 { #expect(serialized == bytes) }
        }
        #expect(parsed > 100)
    }

    @Test("random RTCP datagrams never trap; parsed compounds re-parse to the same value")
    func rtcpRoundTrip() throws {
        var parsed = 0
        var datagrams = Self.datagrams(seed: 2, firstByte: 0x80...0x9F, count: 20000)
        // Make some length fields plausible so the deeper parsers are reached.
        for i in datagrams.indices where datagrams[i].count >= 8 && i % 2 == 0 {
            let words = datagrams[i].count / 4 - 1
            datagrams[i] = Array(datagrams[i].prefix((words + 1) * 4))
            datagrams[i][1] = UInt8(200 + i % 6)
            datagrams[i][2] = 0
            datagrams[i][3] = UInt8(words)
        }
        for bytes in datagrams {
            guard let packets = try? RTCPPacket.parseCompound(bytes) else { continue }
            parsed += 1
            let again = try RTCPPacket.parseCompound(RTCPPacket.serializeCompound(packets))
            #expect(again == packets)
        }
        #expect(parsed > 50)
    }

    @Test("random telephone-event payloads never trap the receiver")
    func dtmfReceiverRandom() {
        var receiver = DTMFEventReceiver(payloadType: 101)
        var rng = SeededGenerator(state: 3)
        var digits = 0
        for seq in 0..<5000 {
            let payload = (0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let packet = RTPPacket(
                marker: Bool.random(using: &rng), payloadType: 101, sequenceNumber: UInt16(truncatingIfNeeded: seq),
                timestamp: UInt32(seq / 3) * 160, ssrc: 1, payload: payload[...])
            if receiver.receivedPacket(packet) != nil { digits += 1 }
        }
        // At most one digit per distinct timestamp (event instance).
        #expect(digits > 0 && digits <= 5000 / 3 + 1)
    }
}
