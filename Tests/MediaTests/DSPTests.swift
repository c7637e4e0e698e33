import Foundation
import Testing
@testable import Media

@Suite struct GoertzelTests {
    @Test func measuresAmplitudeOfPresentAndAbsentFrequencies() {
        let samples = Signal.sine(frequency: 1000, sampleRate: 8000, count: 800, amplitude: 12000)
        #expect(abs(Goertzel.amplitude(of: 1000, in: samples, sampleRate: 8000) - 12000) < 12)
        #expect(Goertzel.amplitude(of: 2000, in: samples, sampleRate: 8000) < 12)
        #expect(Goertzel.amplitude(of: 1000, in: [Int16](), sampleRate: 8000) == 0)
    }

    @Test func toneDetectorFollowsToneOnAndOff() {
        var detector = ToneDetector(frequency: 1000, sampleRate: 16000)
        var detected = detector.process(Signal.sine(frequency: 440, sampleRate: 16000, count: 3200))
        #expect(!detected)
        detected = detector.process(Signal.sine(frequency: 1000, sampleRate: 16000, count: 3200))
        #expect(detected)
        #expect(detector.detectedBlocks == 10)
        detected = detector.process([Int16](repeating: 0, count: 3200))
        #expect(!detected)
        // Too quiet: -60 dBFS.
        detected = detector.process(Signal.sine(frequency: 1000, sampleRate: 16000, count: 3200, amplitude: 32))
        #expect(!detected)
    }
}

@Suite struct AudioMixerTests {
    @Test func sumsAndSaturates() {
        var mixer = AudioMixer(frameSamples: 4)
        mixer.add([30000, -30000, 100, 1])
        mixer.add([30000, -30000, -50, 2])
        mixer.add([10, 0, 0, 3])
        var out: [Int16] = []
        mixer.mix(into: &out)
        #expect(out == [32767, -32768, 50, 6])
        #expect(mixer.inputs == 3)
    }

    @Test func mixMinusRemovesOwnVoiceBeforeSaturating() {
        var mixer = AudioMixer(frameSamples: 3)
        let a: [Int16] = [20000, 5, -20000]
        let b: [Int16] = [20000, 7, -20000]
        let c: [Int16] = [-1000, 11, 0]
        for frame in [a, b, c] { mixer.add(frame) }
        var out: [Int16] = []
        mixer.mixMinus(excluding: a, into: &out)
        #expect(out == [19000, 18, -20000])
        mixer.mixMinus(excluding: c, into: &out)
        #expect(out == [32767, 12, -32768])
        mixer.reset()
        mixer.mix(into: &out)
        #expect(out == [0, 0, 0])
    }

    @Test func twoFrameMix() {
        var out: [Int16] = []
        AudioMixer.mix([32000, -5], [1000, 5, 9], into: &out)
        #expect(out == [32767, 0, 9])
    }
}

@Suite struct ResamplerTests {
    static let pairs = [(8000, 16000), (16000, 8000), (8000, 48000), (48000, 8000), (16000, 48000), (48000, 16000)]

    /// Resamples one second of a tone fed as 20 ms frames; returns 0.5 s of settled output.
    static func convert(frequency: Double, from input: Int, to output: Int) -> [Int16] {
        var resampler = Resampler(inputRate: input, outputRate: output)
        let tone = Signal.sine(frequency: frequency, sampleRate: input, count: input)
        var out: [Int16] = []
        var frame: [Int16] = []
        for start in stride(from: 0, to: tone.count, by: input / 50) {
            resampler.process(Array(tone[start..<(start + input / 50)]), into: &frame)
            #expect(frame.count == output / 50)
            out += frame
        }
        return Array(out[(output / 5)..<(output * 7 / 10)])
    }

    @Test(arguments: pairs)
    func oneKilohertzStaysOneKilohertz(input: Int, output: Int) {
        let settled = Self.convert(frequency: 1000, from: input, to: output)
        let amplitude = Goertzel.amplitude(of: 1000, in: settled, sampleRate: output)
        #expect(abs(amplitude - 10000) < 300, "passband gain within 0.3 dB, got \(amplitude)")
        let impurity = Signal.impurityDB(settled, frequency: 1000, sampleRate: output)
        #expect(impurity < -40, "images and aliases \(impurity) dB")
    }

    @Test(arguments: [(48000, 8000, 5000.0), (16000, 8000, 6000.0), (48000, 16000, 12000.0)])
    func rejectsAliasesWhenDownsampling(input: Int, output: Int, frequency: Double) {
        let settled = Self.convert(frequency: frequency, from: input, to: output)
        let rms = Signal.rms(settled)
        #expect(20 * log10(max(rms, 1e-3) / (10000 / 2.0.squareRoot())) < -40, "alias rms \(rms)")
    }

    @Test func sameRateIsACopyAndStateSurvivesAcrossFrames() {
        var same = Resampler(inputRate: 8000, outputRate: 8000)
        let copied = same.process([1, 2, 3])
        #expect(copied == [1, 2, 3])
        // Streaming in frames equals converting all at once.
        let tone = Signal.sine(frequency: 700, sampleRate: 8000, count: 1600)
        var whole = Resampler(inputRate: 8000, outputRate: 48000)
        var framed = Resampler(inputRate: 8000, outputRate: 48000)
        let all = whole.process(tone)
        var pieces: [Int16] = []
        for start in stride(from: 0, to: 1600, by: 160) { pieces += framed.process(Array(tone[start..<(start + 160)])) }
        #expect(all == pieces)
        #expect(all.count == 9600)
        framed.reset()
        let silence = framed.process([Int16](repeating: 0, count: 160))
        #expect(silence == [Int16](repeating: 0, count: 960))
    }
}
