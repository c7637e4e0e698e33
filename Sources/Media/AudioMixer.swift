/// Sums 16-bit frames with saturation, for conferences and whisper/eavesdrop.
///
/// One accumulator (32-bit, preallocated) is reused every tick: ``reset()``, ``add(_:)`` each participant,
/// then ``mix(into:)`` for listeners who hear everyone, or ``mixMinus(excluding:into:)`` for a participant
/// who must not hear themself (the sum minus their own frame, saturated once at the end).
public struct AudioMixer: Sendable {
    public let frameSamples: Int
    private var accumulator: [Int32]
    /// Frames added since the last reset.
    public private(set) var inputs = 0

    public init(frameSamples: Int) {
        self.frameSamples = frameSamples
        accumulator = [Int32](repeating: 0, count: frameSamples)
    }

    public mutating func reset() {
        for i in accumulator.indices { accumulator[i] = 0 }
        inputs = 0
    }

    /// Adds a frame (shorter frames are treated as zero-padded; extra samples are ignored).
    public mutating func add(_ frame: [Int16]) {
        let count = min(frame.count, frameSamples)
        for i in 0..<count { accumulator[i] &+= Int32(frame[i]) }
        inputs += 1
    }

    /// Writes the saturated sum of all added frames into `output` (resized to ``frameSamples``).
    public func mix(into output: inout [Int16]) {
        prepare(&output)
        for i in 0..<frameSamples { output[i] = Self.saturate(accumulator[i]) }
    }

    /// Writes the saturated sum of all added frames except `own` (which must have been added) into `output`.
    public func mixMinus(excluding own: [Int16], into output: inout [Int16]) {
        prepare(&output)
        let count = min(own.count, frameSamples)
        for i in 0..<count { output[i] = Self.saturate(accumulator[i] &- Int32(own[i])) }
        for i in count..<frameSamples { output[i] = Self.saturate(accumulator[i]) }
    }

    /// Saturating sum of two frames into `output`, for the two-party case without an accumulator.
    public static func mix(_ a: [Int16], _ b: [Int16], into output: inout [Int16]) {
        let count = max(a.count, b.count)
        if output.count != count { output = [Int16](repeating: 0, count: count) }
        for i in 0..<count {
            let sum = Int32(i < a.count ? a[i] : 0) + Int32(i < b.count ? b[i] : 0)
            output[i] = saturate(sum)
        }
    }

    /// Clamps a 32-bit sum to the 16-bit range.
    @inline(__always)
    public static func saturate(_ value: Int32) -> Int16 {
        Int16(clamping: value)
    }

    private func prepare(_ output: inout [Int16]) {
        if output.count != frameSamples { output = [Int16](repeating: 0, count: frameSamples) }
    }
}
