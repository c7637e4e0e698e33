#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streaming mono sample-rate converter between 8000, 16000 and 48000 Hz (any rational ratio works).
///
/// Polyphase FIR: a Kaiser-windowed sinc prototype (β = 8, ≈ 80 dB stopband) designed at the rate
/// `inputRate·L` (`L/M` = output/input in lowest terms) with its cutoff at 0.46 of the lower rate's Nyquist
/// frequency and 20 zero crossings either side, split into `L` phases. Each output sample costs
/// `40·max(L,M)/L` multiply-adds. History is kept across calls, so 20 ms frames can be fed one at a time;
/// a frame of `inputRate/50` samples yields exactly `outputRate/50` samples. Group delay is
/// ``delaySamples`` output samples.
public struct Resampler: Sendable {
    public let inputRate: Int
    public let outputRate: Int
    /// Upsampling factor L.
    private let up: Int
    /// Downsampling factor M.
    private let down: Int
    /// Taps per phase.
    private let tapsPerPhase: Int
    /// Phase-major coefficients: phase p's taps are `bank[p*tapsPerPhase ..< (p+1)*tapsPerPhase]`, tap j applies
    /// to the input `j` samples before the newest.
    private let bank: [Float]
    /// The last `tapsPerPhase - 1` inputs, then the current call's inputs (reused).
    private var work: [Float]
    /// Position of the next output on the prototype-rate grid, relative to the first new input.
    private var position = 0

    public init(inputRate: Int, outputRate: Int) {
        precondition(inputRate > 0 && outputRate > 0, "sample rates must be positive")
        let divisor = Self.gcd(inputRate, outputRate)
        self.inputRate = inputRate
        self.outputRate = outputRate
        up = outputRate / divisor
        down = inputRate / divisor
        let (bank, taps) = Self.designBank(up: up, down: down)
        self.bank = bank
        tapsPerPhase = taps
        work = [Float](repeating: 0, count: taps - 1)
    }

    /// Output samples by which the signal is delayed.
    public var delaySamples: Int { (tapsPerPhase * up / 2) / down }

    /// Converts `input`, replacing the contents of `output` (capacity is kept, so steady-state calls don't allocate).
    public mutating func process(_ input: [Int16], into output: inout [Int16]) {
        output.removeAll(keepingCapacity: true)
        if up == down {
            output.append(contentsOf: input)
            return
        }
        let history = tapsPerPhase - 1
        work.removeSubrange(0..<(work.count - history))
        for sample in input { work.append(Float(sample)) }
        let limit = input.count * up
        bank.withUnsafeBufferPointer { coefficients in
            work.withUnsafeBufferPointer { samples in
                while position < limit {
                    let newest = history + position / up
                    let phase = position % up
                    var sum: Float = 0
                    let base = phase * tapsPerPhase
                    for j in 0..<tapsPerPhase { sum += coefficients[base + j] * samples[newest - j] }
                    output.append(Int16(clamping: Int32(sum.rounded())))
                    position += down
                }
            }
        }
        position -= limit
    }

    /// Converts `input` and returns a new array.
    public mutating func process(_ input: [Int16]) -> [Int16] {
        var output: [Int16] = []
        output.reserveCapacity(input.count * up / down + 1)
        process(input, into: &output)
        return output
    }

    /// Clears the history (start of a new stream).
    public mutating func reset() {
        work = [Float](repeating: 0, count: tapsPerPhase - 1)
        position = 0
    }

    private static func designBank(up: Int, down: Int) -> ([Float], Int) {
        let factor = max(up, down)
        let zeroCrossings = 20
        let tapsPerPhase = 2 * zeroCrossings * factor / up + 1
        let length = tapsPerPhase * up
        let cutoff = 0.46 / Double(factor)          // cycles per prototype-rate sample
        let center = Double(length - 1) / 2
        let beta = 8.0
        var prototype = [Double](repeating: 0, count: length)
        for n in 0..<length {
            let t = Double(n) - center
            let x = 2 * cutoff * t
            let sinc = x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
            let ratio = t / (center + 1)
            let window = besselI0(beta * (1 - ratio * ratio).squareRoot()) / besselI0(beta)
            prototype[n] = 2 * cutoff * sinc * window
        }
        let gain = Double(up) / prototype.reduce(0, +)
        var bank = [Float](repeating: 0, count: length)
        for phase in 0..<up {
            for j in 0..<tapsPerPhase {
                bank[phase * tapsPerPhase + j] = Float(prototype[phase + j * up] * gain)
            }
        }
        return (bank, tapsPerPhase)
    }

    /// Zeroth-order modified Bessel function of the first kind (power series).
    private static func besselI0(_ x: Double) -> Double {
        var sum = 1.0
        var term = 1.0
        var k = 1.0
        while term > 1e-12 * sum {
            term *= (x / (2 * k)) * (x / (2 * k))
            sum += term
            k += 1
        }
        return sum
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
