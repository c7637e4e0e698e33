#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders a ``ToneScript`` into 16-bit frames at a given rate (the source behind `tone_stream://`,
/// `silence_stream://` and `gentones`).
///
/// Each sample is computed from its index within the tone (`sin(2πf·n/rate)`), so the frequency is exact and no
/// phase error accumulates; the tone is summed and clamped to 16 bits. No allocation after `init`.
public struct ToneGenerator: Sendable {
    public let sampleRate: Int
    public let script: ToneScript

    private struct Segment: Sendable {
        var onSamples: Int
        var totalSamples: Int
        var omegas: [Double]
        var amplitude: Double
        var repeats: Int
    }

    private let segments: [Segment]
    private var segmentIndex = 0
    private var repeatIndex = 0
    private var loopIndex = 0
    private var sampleIndex = 0
    /// No more samples will be produced.
    public private(set) var isFinished: Bool

    public init(script: ToneScript, sampleRate: Int) {
        precondition(sampleRate > 0, "sample rate must be positive")
        self.script = script
        self.sampleRate = sampleRate
        segments = script.tones.map { tone in
            let on = tone.onMilliseconds * sampleRate / 1000
            return Segment(
                onSamples: on,
                totalSamples: on + tone.offMilliseconds * sampleRate / 1000,
                omegas: tone.frequencies.map { 2 * Double.pi * $0 / Double(sampleRate) },
                amplitude: Self.peakAmplitude(dBm0: tone.level),
                repeats: max(1, tone.repeats))
        }
        isFinished = script.loops == 0 || segments.allSatisfy { $0.totalSamples == 0 }
    }

    /// Peak amplitude of a sine at `level` dBm0 (a full-scale sine is +3.17 dBm0, G.711).
    public static func peakAmplitude(dBm0 level: Double) -> Double {
        32767 * pow(10, (level - 3.17) / 20)
    }

    /// Fills `frame` (its current count) with the next samples, zero-filling after the end.
    /// - Returns: samples of tone or pause produced; less than `frame.count` only at the end of the script.
    @discardableResult
    public mutating func generate(into frame: inout [Int16]) -> Int {
        var written = 0
        frame.withUnsafeMutableBufferPointer { out in
            while written < out.count && !isFinished {
                let segment = segments[segmentIndex]
                let count = min(segment.totalSamples - sampleIndex, out.count - written)
                for k in 0..<count {
                    out[written + k] = Self.sample(segment, at: sampleIndex + k)
                }
                written += count
                sampleIndex += count
                if sampleIndex >= segment.totalSamples { advance() }
            }
            for k in written..<out.count { out[k] = 0 }
        }
        return written
    }

    /// A new frame of `count` samples (allocates; prefer ``generate(into:)`` per tick).
    public mutating func next(count: Int) -> [Int16] {
        var frame = [Int16](repeating: 0, count: count)
        let written = generate(into: &frame)
        return Array(frame.prefix(written))
    }

    private static func sample(_ segment: Segment, at index: Int) -> Int16 {
        guard index < segment.onSamples else { return 0 }
        var sum = 0.0
        for omega in segment.omegas { sum += sin(omega * Double(index)) }
        return Int16(clamping: Int((sum * segment.amplitude).rounded()))
    }

    private mutating func advance() {
        sampleIndex = 0
        repeatIndex += 1
        if repeatIndex < segments[segmentIndex].repeats { return }
        repeatIndex = 0
        segmentIndex += 1
        if segmentIndex < segments.count { return }
        segmentIndex = 0
        loopIndex += 1
        if let loops = script.loops, loopIndex >= loops { isFinished = true }
    }
}
