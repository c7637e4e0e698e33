/// Packet loss concealment for G.711 (and any narrow/wideband PCM), after ITU-T G.711 Appendix I.
///
/// Keeps the last 48.75 ms of decoded audio. When a frame is lost, the pitch period is estimated by
/// normalised autocorrelation (lags 5–15 ms, i.e. 66–200 Hz), and the last period is repeated (the first
/// repetition overlap-added over a quarter period so it joins smoothly). After 10 ms of loss the output is
/// attenuated by 20 % per 10 ms, reaching silence at 60 ms, as Appendix I does. On the first good frame after
/// a loss the synthetic signal is cross-faded into the real one over 4 ms (plus 4 ms per further 10 ms of loss,
/// at most the frame).
///
/// Call ``receivedFrame(_:)`` with every decoded frame (it may smooth the frame after a loss) and
/// ``concealFrame(into:)`` when the jitter buffer says `.lost`. Buffers are preallocated.
public struct G711PacketLossConcealment: Sendable {
    public let sampleRate: Int
    private let historyLength: Int
    private let minimumLag: Int
    private let maximumLag: Int
    private let correlationLength: Int
    /// Most recent audio, oldest first (real frames and concealment output).
    private var history: [Float]
    /// The repeated waveform: `pitch` samples from the end of the history when the loss began.
    private var period: [Float]
    private var pitch = 0
    private var periodPosition = 0
    /// Samples concealed in the current loss; 0 = not in a loss.
    public private(set) var concealedSamples = 0

    public init(sampleRate: Int = 8000) {
        self.sampleRate = sampleRate
        historyLength = sampleRate * 390 / 8000
        minimumLag = sampleRate * 40 / 8000
        maximumLag = sampleRate * 120 / 8000
        correlationLength = sampleRate * 160 / 8000
        history = [Float](repeating: 0, count: historyLength)
        period = [Float](repeating: 0, count: maximumLag)
    }

    /// Records a real frame; after a loss, cross-fades the start of `frame` from the concealment signal.
    public mutating func receivedFrame(_ frame: inout [Int16]) {
        if concealedSamples > 0 {
            let steps = (concealedSamples - 1) / (sampleRate / 100)
            let fade = min(frame.count, sampleRate * 4 / 1000 * (1 + steps))
            for i in 0..<fade {
                let weight = Float(i + 1) / Float(fade + 1)
                let synthetic = nextSynthetic()
                frame[i] = Int16(clamping: Int((synthetic * (1 - weight) + Float(frame[i]) * weight).rounded()))
            }
            concealedSamples = 0
        }
        append(frame)
    }

    /// Fills `frame` (its current count) with concealment audio.
    public mutating func concealFrame(into frame: inout [Int16]) {
        if concealedSamples == 0 { startLoss() }
        for i in frame.indices {
            frame[i] = Int16(clamping: Int(nextSynthetic().rounded()))
        }
        append(frame)
    }

    private mutating func startLoss() {
        pitch = estimatePitch()
        let start = historyLength - pitch
        for i in 0..<pitch { period[i] = history[start + i] }
        // Overlap-add the quarter period before the repeat point with the period's end, so the wrap is smooth.
        let quarter = max(1, pitch / 4)
        for i in 0..<quarter {
            let weight = Float(i + 1) / Float(quarter + 1)
            let before = history[start - quarter + i]
            period[pitch - quarter + i] = period[pitch - quarter + i] * (1 - weight) + before * weight
        }
        periodPosition = 0
    }

    /// The next concealment sample, with the Appendix I attenuation applied.
    private mutating func nextSynthetic() -> Float {
        let tenMilliseconds = sampleRate / 100
        let gain = max(0, 1 - 0.2 * Float(max(0, concealedSamples - tenMilliseconds)) / Float(tenMilliseconds))
        let value = period[periodPosition] * gain
        periodPosition = (periodPosition + 1) % pitch
        concealedSamples += 1
        return value
    }

    /// Lag with the highest normalised autocorrelation of the newest `correlationLength` samples.
    private func estimatePitch() -> Int {
        let end = historyLength
        let start = end - correlationLength
        var best = maximumLag
        var bestScore = -Float.infinity
        history.withUnsafeBufferPointer { h in
            for lag in minimumLag...maximumLag {
                var cross: Float = 0
                var energy: Float = 0
                for i in start..<end {
                    cross += h[i] * h[i - lag]
                    energy += h[i - lag] * h[i - lag]
                }
                let score = energy > 0 ? cross / energy.squareRoot() : 0
                if score > bestScore {
                    bestScore = score
                    best = lag
                }
            }
        }
        return best
    }

    private mutating func append(_ frame: [Int16]) {
        let count = min(frame.count, historyLength)
        let keep = historyLength - count
        history.withUnsafeMutableBufferPointer { h in
            for i in 0..<keep { h[i] = h[i + count] }
            for i in 0..<count { h[keep + i] = Float(frame[frame.count - count + i]) }
        }
    }
}
