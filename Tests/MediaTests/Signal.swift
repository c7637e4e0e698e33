import Foundation
@testable import Media

/// Test signals and measurements shared by the DSP tests.
enum Signal {
    static func sine(frequency: Double, sampleRate: Int, count: Int, amplitude: Double = 10000, start: Int = 0) -> [Int16] {
        (0..<count).map { n in
            Int16((amplitude * sin(2 * Double.pi * frequency * Double(n + start) / Double(sampleRate))).rounded())
        }
    }

    static func energy(_ samples: some Collection<Int16>) -> Double {
        samples.reduce(0) { $0 + Double($1) * Double($1) }
    }

    static func rms(_ samples: some Collection<Int16>) -> Double {
        samples.isEmpty ? 0 : (energy(samples) / Double(samples.count)).squareRoot()
    }

    /// Fraction of the energy of `samples` that is NOT at `frequency`, in dB (more negative = purer tone).
    /// Use a whole number of periods.
    static func impurityDB(_ samples: [Int16], frequency: Double, sampleRate: Int) -> Double {
        var goertzel = Goertzel(frequency: frequency, sampleRate: sampleRate)
        goertzel.process(samples)
        let tone = 2 * goertzel.power / Double(samples.count)
        let rest = max(energy(samples) - tone, 1e-9)
        return 10 * log10(rest / tone)
    }
}
