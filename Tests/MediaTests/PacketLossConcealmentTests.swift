import Testing
@testable import Media

@Suite struct PacketLossConcealmentTests {
    static let amplitude = 8000.0

    /// Feeds `frames` 20 ms frames of a 200 Hz sine; returns the PLC and the sample index reached.
    static func primed(rate: Int = 8000, frames: Int = 5) -> G711PacketLossConcealment {
        var plc = G711PacketLossConcealment(sampleRate: rate)
        for f in 0..<frames {
            var frame = Signal.sine(frequency: 200, sampleRate: rate, count: rate / 50, amplitude: amplitude, start: f * rate / 50)
            plc.receivedFrame(&frame)
        }
        return plc
    }

    @Test(arguments: [8000, 16000])
    func concealedFrameContinuesThePitch(rate: Int) {
        var plc = Self.primed(rate: rate)
        var frame = [Int16](repeating: 0, count: rate / 50)
        plc.concealFrame(into: &frame)
        #expect(Signal.rms(frame) > 0.6 * Self.amplitude / 2.0.squareRoot(), "not silent")
        let first10ms = Array(frame[0..<(rate / 100)])
        let expected = Signal.sine(frequency: 200, sampleRate: rate, count: rate / 100, amplitude: Self.amplitude,
                                   start: 5 * rate / 50)
        let error = zip(first10ms, expected).map { abs(Int($0) - Int($1)) }.max()!
        #expect(error < 400, "a periodic signal is continued seamlessly (max error \(error))")
        #expect(Goertzel.amplitude(of: 200, in: frame, sampleRate: rate) > 0.7 * Self.amplitude)
    }

    @Test func attenuatesToSilenceAfter60Milliseconds() {
        var plc = Self.primed()
        var frames: [[Int16]] = []
        for _ in 0..<4 {
            var frame = [Int16](repeating: 1, count: 160)
            plc.concealFrame(into: &frame)
            frames.append(frame)
        }
        let levels = frames.map(Signal.rms)
        #expect(levels[0] > levels[1] && levels[1] > levels[2])
        #expect(levels[2] > 0)
        #expect(frames[3].allSatisfy { $0 == 0 })
        #expect(plc.concealedSamples == 640)
    }

    @Test func recoveryCrossFadesWithoutAClick() {
        var plc = Self.primed()
        var lost = [Int16](repeating: 0, count: 160)
        plc.concealFrame(into: &lost)
        var real = Signal.sine(frequency: 200, sampleRate: 8000, count: 160, amplitude: Self.amplitude, start: 6 * 160)
        let untouched = real
        plc.receivedFrame(&real)
        #expect(plc.concealedSamples == 0)
        #expect(real[100...] == untouched[100...], "only the fade region changes")
        let joined = lost + real
        let maxStep = zip(joined, joined.dropFirst()).map { abs(Int($1) - Int($0)) }.max()!
        // A 200 Hz sine of amplitude 8000 moves at most 2π·200/8000·8000 ≈ 1257 per sample.
        #expect(maxStep < 1500, "step \(maxStep)")
    }

    @Test func concealingBeforeAnyAudioIsSilent() {
        var plc = G711PacketLossConcealment()
        var frame = [Int16](repeating: 5, count: 160)
        plc.concealFrame(into: &frame)
        #expect(frame.allSatisfy { $0 == 0 })
    }
}
