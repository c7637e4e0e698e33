import Foundation
import Testing
@testable import Media

@Suite struct ToneScriptTests {
    typealias Tone = ToneScript.Tone

    @Test func parsesSegmentsLoopsAndVolume() throws {
        let script = try ToneScript(parsing: "L=3; v=-10;%(2000,4000,440,480);v=-20;l=2;%(100,50,1400)")
        #expect(script.loops == 3)
        #expect(script.tones == [
            Tone(onMilliseconds: 2000, offMilliseconds: 4000, frequencies: [440, 480], level: -10),
            Tone(onMilliseconds: 100, offMilliseconds: 50, frequencies: [1400], level: -20, repeats: 2),
        ])
    }

    @Test func defaultsAndBareFrequencyLists() throws {
        let script = try ToneScript(parsing: "d=300;w=100;350,440;%(1000,0,640)")
        #expect(script.loops == 1)
        #expect(script.tones == [
            Tone(onMilliseconds: 300, offMilliseconds: 100, frequencies: [350, 440]),
            Tone(onMilliseconds: 1000, offMilliseconds: 0, frequencies: [640]),
        ])
        #expect(try ToneScript(parsing: "L=-1;%(10,0,0)").loops == nil)
        #expect(try ToneScript(parsing: "v=-99;%(10,0,1)").tones[0].level == -63)
    }

    @Test func urlsAndGentones() throws {
        #expect(try ToneScript(url: "tone_stream://%(251,0,1004)").tones[0].frequencies == [1004])
        #expect(try ToneScript(url: "silence_stream://250") == .silence(milliseconds: 250))
        #expect(try ToneScript(url: "silence_stream://-1,1400") == .silence(milliseconds: nil))
        let gentones = try ToneScript(gentones: "%(500,0,800)|3")
        #expect(gentones.loops == 3)
        #expect(gentones.tones == [Tone(onMilliseconds: 500, offMilliseconds: 0, frequencies: [800])])
    }

    @Test func malformedScriptsThrow() {
        #expect(throws: ToneScriptError.empty) { try ToneScript(parsing: " ; ") }
        #expect(throws: ToneScriptError.invalidTone("%(100,abc,440)")) { try ToneScript(parsing: "%(100,abc,440)") }
        #expect(throws: ToneScriptError.invalidTone("%(100,0,440")) { try ToneScript(parsing: "%(100,0,440") }
        #expect(throws: ToneScriptError.invalidTone("%(100)")) { try ToneScript(parsing: "%(100)") }
        #expect(throws: ToneScriptError.invalidSetting("x=1")) { try ToneScript(parsing: "x=1;%(1,1,1)") }
        #expect(throws: ToneScriptError.invalidSetting("v=loud")) { try ToneScript(parsing: "v=loud;%(1,1,1)") }
        #expect(throws: ToneScriptError.invalidTone("%(1e30,0,440)")) { try ToneScript(parsing: "%(1e30,0,440)") }
        #expect(throws: ToneScriptError.invalidSetting("L=1e300")) { try ToneScript(parsing: "L=1e300;%(1,1,1)") }
        #expect(throws: ToneScriptError.invalidSetting("99999999999")) { try ToneScript(gentones: "%(1,1,1)|99999999999") }
        #expect(throws: ToneScriptError.unsupportedURL("file://x.wav")) { try ToneScript(url: "file://x.wav") }
        #expect(throws: ToneScriptError.invalidSetting("silence_stream://soon")) {
            try ToneScript(url: "silence_stream://soon")
        }
    }
}

@Suite struct ToneGeneratorTests {
    /// Runs a generator in 20 ms frames until it finishes (or `limit` samples).
    static func render(_ script: ToneScript, rate: Int, limit: Int = 1_000_000) -> [Int16] {
        var generator = ToneGenerator(script: script, sampleRate: rate)
        var frame = [Int16](repeating: 0, count: rate / 50)
        var out: [Int16] = []
        while !generator.isFinished && out.count < limit {
            let written = generator.generate(into: &frame)
            out += frame.prefix(written)
        }
        return out
    }

    @Test(arguments: [8000, 16000, 48000])
    func toneIsExactlyAtTheRequestedFrequency(rate: Int) throws {
        let samples = Self.render(try ToneScript(parsing: "%(1000,0,1004)"), rate: rate)
        #expect(samples.count == rate)
        // 1004 Hz: 251 whole periods in 250 ms.
        let window = Array(samples[0..<(rate / 4)])
        #expect(Signal.impurityDB(window, frequency: 1004, sampleRate: rate) < -60)
        let at = Goertzel.amplitude(of: 1004, in: window, sampleRate: rate)
        #expect(at > 10 * Goertzel.amplitude(of: 1000, in: window, sampleRate: rate))
    }

    @Test func cadenceLoopsAndDualFrequencies() throws {
        let samples = Self.render(try ToneScript(parsing: "L=2;%(100,50,440,480)"), rate: 8000)
        #expect(samples.count == 2 * 1200)
        for start in [0, 1200] {
            let on = Array(samples[start..<(start + 800)])
            let off = samples[(start + 800)..<(start + 1200)]
            #expect(off.allSatisfy { $0 == 0 })
            let level = ToneGenerator.peakAmplitude(dBm0: -7)
            #expect(abs(Goertzel.amplitude(of: 440, in: on, sampleRate: 8000) - level) < level * 0.01)
            #expect(abs(Goertzel.amplitude(of: 480, in: on, sampleRate: 8000) - level) < level * 0.01)
        }
    }

    @Test func perToneRepeatsAndVolume() throws {
        let samples = Self.render(try ToneScript(parsing: "v=-20;l=3;%(20,20,1000);v=0;l=1;%(20,0,2000)"), rate: 8000)
        #expect(samples.count == 3 * 320 + 160)
        let quiet = Goertzel.amplitude(of: 1000, in: samples[320..<480], sampleRate: 8000)
        let loud = Goertzel.amplitude(of: 2000, in: samples[960..<1120], sampleRate: 8000)
        #expect(abs(20 * log10(loud / quiet) - 20) < 0.2)
    }

    @Test func milliwattIsZeroDBm0ForeverAtMinus3dBFS() {
        let samples = Self.render(.milliwatt, rate: 8000, limit: 8000 * 3)
        #expect(samples.count == 8000 * 3, "never finishes")
        let peak = Goertzel.amplitude(of: 1004, in: samples[0..<2000], sampleRate: 8000)
        let dBFS = 20 * log10(peak / 32767)
        #expect(abs(dBFS + 3.17) < 0.05)
        #expect(Signal.impurityDB(Array(samples[8000..<10000]), frequency: 1004, sampleRate: 8000) < -60)
    }

    @Test func silenceStreamAndPartialLastFrame() throws {
        var generator = ToneGenerator(script: try ToneScript(url: "silence_stream://30"), sampleRate: 8000)
        var frame = [Int16](repeating: 7, count: 160)
        #expect(generator.generate(into: &frame) == 160)
        #expect(frame.allSatisfy { $0 == 0 })
        #expect(generator.generate(into: &frame) == 80)
        #expect(generator.isFinished)
        #expect(generator.generate(into: &frame) == 0)
        let zeroLoops = ToneGenerator(script: try ToneScript(gentones: "%(100,0,500)|0"), sampleRate: 8000)
        #expect(!zeroLoops.isFinished, "gentones loops < 1 clamp to 1")
        var forever = ToneGenerator(script: .silence(milliseconds: nil), sampleRate: 16000)
        for _ in 0..<100 { forever.generate(into: &frame) }
        #expect(!forever.isFinished)
    }
}
