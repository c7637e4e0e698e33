import Foundation
import Media

/// What `playback` plays, as 8 kHz frames: `tone_stream://` and `silence_stream://` (rendered by the tone
/// generator) or a WAV file (resampled once, at open). `{loops=N}` in front repeats it; -1 forever.
struct PlaybackSource {
    enum Kind {
        case tones(ToneGenerator)
        case samples([Int16], position: Int)
    }

    private var kind: Kind
    private var loopsLeft: Int?

    static let rate = 8000
    static let frameSamples = 160

    /// `nil` when the source cannot be found or parsed (`FILE NOT FOUND`).
    init?(_ source: String, soundsDirectory: String) {
        var text = Substring(source)
        var loops: Int? = 1
        if text.hasPrefix("{"), let close = text.firstIndex(of: "}") {
            for assignment in text[text.index(after: text.startIndex)..<close].split(separator: ",") {
                let parts = assignment.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == "loops", let n = Int(parts[1]) { loops = n < 0 ? nil : max(1, n) }
            }
            text = text[text.index(after: close)...]
        }
        self.loopsLeft = loops
        if text.hasPrefix("tone_stream://") || text.hasPrefix("silence_stream://") {
            guard var script = try? ToneScript(url: String(text)) else { return nil }
            // `{loops=N}` repeats the whole stream: fold it into the script's own loop count.
            if let loops, let own = script.loops { script.loops = own * loops } else { script.loops = nil }
            kind = .tones(ToneGenerator(script: script, sampleRate: Self.rate))
            loopsLeft = 1
            return
        }
        let path = text.hasPrefix("/") || FileManager.default.fileExists(atPath: String(text))
            ? String(text) : soundsDirectory + "/" + text
        guard let wav = try? WAVFile(contentsOf: path) else { return nil }
        var samples = wav.monoSamples()
        if wav.format.sampleRate != Self.rate {
            var resampler = Resampler(inputRate: wav.format.sampleRate, outputRate: Self.rate)
            samples = resampler.process(samples)
        }
        kind = .samples(samples, position: 0)
    }

    /// Fills one 20 ms frame; false when the source (with its loops) is exhausted.
    mutating func nextFrame(into frame: inout [Int16]) -> Bool {
        switch kind {
        case .tones(var generator):
            let produced = generator.generate(into: &frame)
            kind = .tones(generator)
            guard produced > 0 else { return false }
            for i in produced..<frame.count { frame[i] = 0 }
            return true
        case .samples(let samples, var position):
            guard !samples.isEmpty else { return false }
            if position >= samples.count {
                guard consumeLoop() else { return false }
                position = 0
            }
            let end = min(position + frame.count, samples.count)
            for i in 0..<frame.count { frame[i] = position + i < end ? samples[position + i] : 0 }
            kind = .samples(samples, position: end)
            return true
        }
    }

    /// One more round: true while loops remain (or forever).
    private mutating func consumeLoop() -> Bool {
        guard let left = loopsLeft else { return true }
        guard left > 1 else { return false }
        loopsLeft = left - 1
        return true
    }
}
