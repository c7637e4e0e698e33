import Foundation
import Testing
@testable import Media

/// Reads files produced by other tools: the sox-made fixtures and the committed prompts in `sounds/`.
@Suite struct SoundFilesTests {
    static func fixture(_ name: String) throws -> WAVFile {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "wav", subdirectory: "Fixtures"))
        return try WAVFile(contentsOf: url.path)
    }

    /// The repository's `sounds/` folder, found from this file's path (Tests/MediaTests/…).
    static let soundsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sounds")

    @Test func soxStereoFixture() throws {
        let file = try Self.fixture("stereo_44100")
        #expect(file.format == WAVFormat(sampleRate: 44100, channels: 2))
        #expect(file.frameCount == 4410)
        let left = stride(from: 0, to: file.samples.count, by: 2).map { file.samples[$0] }
        let right = stride(from: 1, to: file.samples.count, by: 2).map { file.samples[$0] }
        #expect(Goertzel.amplitude(of: 1000, in: left, sampleRate: 44100) > 4 * Goertzel.amplitude(of: 500, in: left, sampleRate: 44100))
        #expect(Goertzel.amplitude(of: 500, in: right, sampleRate: 44100) > 4 * Goertzel.amplitude(of: 1000, in: right, sampleRate: 44100))
    }

    @Test(arguments: [("ulaw_8000", WAVEncoding.muLaw), ("alaw_8000", .aLaw)])
    func soxG711Fixtures(name: String, encoding: WAVEncoding) throws {
        let file = try Self.fixture(name)
        #expect(file.format == WAVFormat(encoding: encoding, sampleRate: 8000))
        #expect(file.frameCount == 2000)
        // gain -6 on a full-scale sine: peak ≈ 0.5 of full scale.
        let amplitude = Goertzel.amplitude(of: 1004, in: file.samples, sampleRate: 8000)
        #expect(abs(amplitude - 16384) < 16384 * 0.05, "amplitude \(amplitude)")
        #expect(Signal.impurityDB(file.samples, frequency: 1004, sampleRate: 8000) < -30)
    }

    @Test(arguments: ["ivr/please_enter_extension", "digits/7", "voicemail/record_after_tone", "conference/alone"])
    func generatedPromptIs16kMonoAndNotSilent(name: String) throws {
        let path = Self.soundsFolder.appendingPathComponent("\(name).wav").path
        let file = try WAVFile(contentsOf: path)
        #expect(file.format == WAVFormat(sampleRate: 16000, channels: 1))
        #expect(file.durationMilliseconds > 200)
        let peak = file.samples.map { abs(Int($0)) }.max() ?? 0
        #expect(peak > 8000, "normalised to about -3 dBFS, peak \(peak)")
        #expect(Signal.rms(file.samples) > 500)
    }

    @Test func beepIsOneKilohertzFor250Milliseconds() throws {
        let file = try WAVFile(contentsOf: Self.soundsFolder.appendingPathComponent("tones/beep.wav").path)
        #expect(file.format == WAVFormat(sampleRate: 16000, channels: 1))
        #expect(file.durationMilliseconds == 250)
        var detector = ToneDetector(frequency: 1000, sampleRate: 16000)
        detector.process(file.samples)
        #expect(detector.detectedBlocks >= 11)
    }

    @Test func musicOnHoldLoopIsTwentySeconds() throws {
        let file = try WAVFile(contentsOf: Self.soundsFolder.appendingPathComponent("music/hold_loop.wav").path)
        #expect(file.format == WAVFormat(sampleRate: 16000, channels: 1))
        #expect(file.durationMilliseconds == 20000)
        #expect(Signal.rms(file.samples) > 1000)
    }

    @Test func everyPromptListedInTheReadmeExists() throws {
        let readme = try String(contentsOf: Self.soundsFolder.appendingPathComponent("README.md"), encoding: .utf8)
        let listed = readme.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        }
        #expect(listed.count >= 40)
        for name in listed {
            let file = try WAVFile(contentsOf: Self.soundsFolder.appendingPathComponent(name).path)
            #expect(file.format.sampleRate == 16000 && file.format.channels == 1, "\(name)")
        }
        for digit in ["0", "9", "star", "pound"] { #expect(listed.contains("digits/\(digit).wav")) }
    }
}
