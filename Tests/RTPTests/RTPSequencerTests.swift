import Testing
@testable import RTP

/// Header rewriting for relaying between legs without decoding.
@Suite struct RTPSequencerTests {
    static func packet(ssrc: UInt32, seq: UInt16, ts: UInt32) -> RTPPacket {
        RTPPacket(payloadType: 0, sequenceNumber: seq, timestamp: ts, ssrc: ssrc, payload: [0xFF][...])
    }

    @Test("SSRC is rewritten and seq/timestamp continue across a source change")
    func sourceChange() {
        var sequencer = RTPSequencer(ssrc: 0x5555, initialSequenceNumber: 1000, initialTimestamp: 50_000)
        var out: [RTPPacket] = []
        for i: UInt16 in 0..<3 {
            out.append(sequencer.rewrite(Self.packet(ssrc: 1, seq: 40000 + i, ts: 9000 + UInt32(i) * 160),
                                         arrival: UInt32(i) * 160))
        }
        // New source (e.g. music on hold) 20 ms after the last packet.
        for i: UInt16 in 0..<2 {
            out.append(sequencer.rewrite(Self.packet(ssrc: 2, seq: 7 + i, ts: 777 + UInt32(i) * 160),
                                         arrival: 480 + UInt32(i) * 160))
        }
        #expect(out.allSatisfy { $0.ssrc == 0x5555 })
        #expect(out.map(\.sequenceNumber) == [1000, 1001, 1002, 1003, 1004])
        #expect(out.map(\.timestamp) == [50_000, 50_160, 50_320, 50_480, 50_640])
        #expect(out.map(\.marker) == [true, false, false, true, false])
        #expect(out.allSatisfy { Array($0.payload) == [0xFF] })
    }

    @Test("gaps, reordering and wrap-around within a source pass through")
    func withinSource() {
        var sequencer = RTPSequencer(ssrc: 9, initialSequenceNumber: 65534, initialTimestamp: 0xFFFF_FF00)
        let inputs: [(UInt16, UInt32)] = [(10, 0), (12, 320), (11, 160), (13, 480)]
        let out = inputs.map { sequencer.rewrite(Self.packet(ssrc: 3, seq: $0.0, ts: $0.1), arrival: $0.1) }
        #expect(out.map(\.sequenceNumber) == [65534, 0, 65535, 1])
        #expect(out.map(\.timestamp) == [0xFFFF_FF00, 0x40, 0xFFFF_FFA0, 0xE0])
    }

    @Test("switching back to an earlier source is still a discontinuity that stays monotonic")
    func switchBack() {
        var sequencer = RTPSequencer(ssrc: 9, initialSequenceNumber: 1, initialTimestamp: 0)
        _ = sequencer.rewrite(Self.packet(ssrc: 1, seq: 100, ts: 100), arrival: 0)
        _ = sequencer.rewrite(Self.packet(ssrc: 2, seq: 5000, ts: 5), arrival: 160)
        let back = sequencer.rewrite(Self.packet(ssrc: 1, seq: 101, ts: 260), arrival: 320)
        #expect(back.sequenceNumber == 3)
        #expect(back.timestamp == 320)
        #expect(back.marker)
    }
}
