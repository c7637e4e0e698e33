import Testing
@testable import Media

@Suite struct JitterBufferTests {
    typealias Buffer = JitterBuffer<Int>

    /// Drives a buffer tick by tick: at tick t (t·20 ms) packets that have arrived are inserted, then one pull.
    struct Simulation {
        var buffer = Buffer(clockRate: 8000)
        let origin = ContinuousClock.now
        var firstSequence = 0
        /// (frame index, arrival in ms), in delivery order.
        var pending: [(index: Int, arrival: Int)] = []
        var tick = 0
        var outputs: [Int?] = []   // nil = lost/empty, else frame index

        mutating func send(_ index: Int, arrivingAt milliseconds: Int) {
            pending.append((index, milliseconds))
        }

        mutating func run(ticks: Int) {
            for _ in 0..<ticks {
                let now = tick * 20
                while let first = pending.firstIndex(where: { $0.arrival <= now }) {
                    let (index, arrival) = pending.remove(at: first)
                    let packet = Buffer.Packet(sequenceNumber: UInt16(truncatingIfNeeded: firstSequence + index),
                                               timestamp: UInt32(truncatingIfNeeded: index * 160), payload: index)
                    buffer.insert(packet, arrival: origin + .milliseconds(arrival))
                }
                switch buffer.pull() {
                case .frame(let packet): outputs.append(packet.payload)
                case .lost, .empty: outputs.append(nil)
                }
                tick += 1
            }
        }

        var played: [Int] { outputs.compactMap { $0 } }
    }

    @Test func emptyBeforeAnyPacketAndDuplicatesDropped() {
        var buffer = Buffer(clockRate: 8000)
        guard case .empty = buffer.pull() else { Issue.record("expected .empty"); return }
        let now = ContinuousClock.now
        let packet = Buffer.Packet(sequenceNumber: 7, timestamp: 0, payload: 7)
        buffer.insert(packet, arrival: now)
        buffer.insert(packet, arrival: now)
        #expect(buffer.statistics.duplicates == 1)
        guard case .frame(let got) = buffer.pull() else { Issue.record("expected a frame"); return }
        #expect(got.payload == 7)
    }

    @Test func reordersWithinTheTargetDelay() {
        var sim = Simulation()
        // Steady stream, except packets 11 and 12 swap places (12 arrives on time, 11 one tick later but
        // before its playout because playout runs one frame behind arrival).
        for i in 0..<30 where i != 11 { sim.send(i, arrivingAt: i * 20) }
        sim.send(11, arrivingAt: 11 * 20 + 10)
        sim.run(ticks: 40)
        #expect(sim.played == Array(0..<30))
        #expect(sim.buffer.statistics.lost == 0)
        #expect(sim.buffer.statistics.late == 0)
    }

    @Test func lossIsReportedInPlaceAndPlayoutContinues() {
        var sim = Simulation()
        for i in 0..<20 where i != 5 && i != 6 { sim.send(i, arrivingAt: i * 20) }
        sim.run(ticks: 25)
        #expect(sim.played == Array(0..<20).filter { $0 != 5 && $0 != 6 })
        #expect(sim.buffer.statistics.lost == 2)
        // The gap sits where frames 5 and 6 belong. While nothing newer has arrived the buffer cannot tell loss
        // from delay, so it waits (growing by up to two frames) before declaring them lost.
        let four = sim.outputs.firstIndex(of: 4)!
        let seven = sim.outputs.firstIndex(of: 7)!
        #expect((3...4).contains(seven - four - 1), "gap of \(seven - four - 1) ticks")
        #expect(sim.outputs[(four + 1)..<seven].allSatisfy { $0 == nil })
    }

    @Test func latePacketIsDroppedAndRaisesTheTarget() {
        var sim = Simulation()
        for i in 0..<30 where i != 10 { sim.send(i, arrivingAt: i * 20) }
        sim.send(10, arrivingAt: 10 * 20 + 120)
        sim.run(ticks: 40)
        #expect(sim.buffer.statistics.late == 1)
        #expect(!sim.played.contains(10))
        #expect(sim.buffer.targetFrames == 7, "120 ms spread + one frame")
        #expect(sim.buffer.statistics.jitterMilliseconds > 0)
    }

    @Test func growsUnderBurstyArrivalThenShrinksWhenJitterStops() {
        var sim = Simulation()
        // 5 s in bursts: five frames delivered together every 100 ms.
        for i in 0..<250 { sim.send(i, arrivingAt: (i / 5) * 100 + 100) }
        // Then 10 s steady, at the best-case transit of the bursts (queue now ~4 frames deeper than needed).
        for i in 250..<750 { sim.send(i, arrivingAt: i * 20 + 20) }
        sim.run(ticks: 250)
        #expect(sim.buffer.targetFrames >= 5 && sim.buffer.targetFrames <= 6)
        #expect(sim.buffer.targetDelay >= .milliseconds(100))
        let settled = sim.outputs[150..<250]
        #expect(settled.allSatisfy { $0 != nil }, "no gaps once adapted")
        sim.run(ticks: 510)
        #expect(sim.buffer.targetFrames == 1)
        #expect(sim.buffer.depth <= 3)
        #expect(sim.buffer.statistics.droppedToShrink >= 2)
        #expect(sim.played == sim.played.sorted(), "always in order")
        #expect(sim.buffer.statistics.late == 0)
    }

    @Test func targetIsClampedTo200Milliseconds() {
        var sim = Simulation()
        for i in 0..<100 { sim.send(i, arrivingAt: (i / 25) * 500 + 500) }
        sim.run(ticks: 80)
        #expect(sim.buffer.targetFrames == 10)
        #expect(sim.buffer.targetDelay == .milliseconds(200))
    }

    @Test func sequenceNumbersWrap() {
        var sim = Simulation()
        sim.firstSequence = 65530
        for i in 0..<20 { sim.send(i, arrivingAt: i * 20) }
        sim.run(ticks: 25)
        #expect(sim.played == Array(0..<20))
        #expect(sim.buffer.statistics.lost == 0)
        #expect(sim.buffer.statistics.resets == 0)
    }

    @Test func sequenceJumpRestartsTheStream() {
        var sim = Simulation()
        for i in 0..<10 { sim.send(i, arrivingAt: i * 20) }
        for i in 1000..<1010 { sim.send(i, arrivingAt: (i - 990) * 20) }
        sim.run(ticks: 25)
        #expect(sim.buffer.statistics.resets == 1)
        #expect(sim.played.suffix(10) == Array(1000..<1010))
    }
}
