#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Single-bin DFT by the Goertzel recurrence: the energy of one frequency in a block of samples.
///
/// Feed samples with ``process(_:)`` (any number of calls), read ``power`` / ``amplitude``, then ``reset()``.
/// The frequency does not have to fall on a DFT bin; for a block of whole periods of a sine of amplitude `A`,
/// ``amplitude`` is `A`.
public struct Goertzel: Sendable {
    public let frequency: Double
    public let sampleRate: Int
    private let coefficient: Double
    private let cosine: Double
    private let sine: Double
    private var s1 = 0.0
    private var s2 = 0.0
    /// Samples processed since the last reset.
    public private(set) var count = 0

    public init(frequency: Double, sampleRate: Int) {
        self.frequency = frequency
        self.sampleRate = sampleRate
        let omega = 2 * Double.pi * frequency / Double(sampleRate)
        cosine = cos(omega)
        sine = sin(omega)
        coefficient = 2 * cosine
    }

    public mutating func process(_ samples: some Collection<Int16>) {
        for sample in samples { process(sample) }
    }

    /// Feeds one sample.
    @inline(__always)
    public mutating func process(_ sample: Int16) {
        let s0 = Double(sample) + coefficient * s1 - s2
        s2 = s1
        s1 = s0
        count += 1
    }

    /// |X(f)|² of the samples so far.
    public var power: Double {
        let real = s1 - s2 * cosine
        let imaginary = s2 * sine
        return real * real + imaginary * imaginary
    }

    /// Estimated peak amplitude of the frequency component: 2·|X(f)|/N.
    public var amplitude: Double { count == 0 ? 0 : 2 * power.squareRoot() / Double(count) }

    public mutating func reset() {
        s1 = 0
        s2 = 0
        count = 0
    }

    /// Convenience: the amplitude of `frequency` in `samples`.
    public static func amplitude(of frequency: Double, in samples: some Collection<Int16>, sampleRate: Int) -> Double {
        var filter = Goertzel(frequency: frequency, sampleRate: sampleRate)
        filter.process(samples)
        return filter.amplitude
    }
}
