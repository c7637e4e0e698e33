import Foundation
import Media
import SwitchCore

/// `session:insertFile(orig_file, file_to_insert, sample_point)` (FreeSWITCH `switch_ivr_insert_file`): rewrites
/// `orig_file` with `file_to_insert` spliced in at `sample_point` (a frame offset in the original, clamped to
/// its length). Relative paths are under the leg's `sound_prefix` (else the sounds directory). The inserted
/// audio is converted to the original's rate and channel count; the result keeps the original's format.
/// WAV files only. Returns 1 on success, 0 on failure (logged).
extension ScriptRun {
    func insertFile(_ L: OpaquePointer, _ session: any SessionContext) -> Int32 {
        guard let original = LuaStack.string(L, 2), !original.isEmpty, let inserted = LuaStack.string(L, 3),
            !inserted.isEmpty, let samplePoint = LuaStack.int(L, 4)
        else {
            return LuaStack.fail(L, "insertFile: expected (orig_file, file_to_insert, sample_point)")
        }
        return wait(L, "insertFile", media: false) {
            let prefix = await session.variable("sound_prefix") ?? self.environment.soundsDirectory
            let resolve = { (path: String) in path.hasPrefix("/") ? path : prefix + "/" + path }
            do {
                try WAVSplice(original: resolve(original), inserted: resolve(inserted)).run(at: samplePoint)
                return .values(Self.flag(true))
            } catch {
                self.log(.err, "\(self.chunkName): insertFile \(original) + \(inserted) failed: \(error)")
                return .values(Self.flag(false))
            }
        }
    }
}

/// Splices one WAV file into another, in place.
struct WAVSplice {
    let original: String
    let inserted: String

    func run(at samplePoint: Int) throws {
        let base = try WAVFile(contentsOf: original)
        let insert = try WAVFile(contentsOf: inserted)
        let format = base.format
        let frame = min(max(samplePoint, 0), base.frameCount) * format.channels
        let converted = Self.convert(insert, to: format)
        let samples = Array(base.samples[..<frame]) + converted + Array(base.samples[frame...])
        let bytes = WAVFile(format: format, samples: samples).serialized()
        try Data(bytes).write(to: URL(fileURLWithPath: original), options: .atomic)
    }

    /// `file`'s audio at `format`'s rate and channel count (mixed to mono, resampled, then copied per channel).
    static func convert(_ file: WAVFile, to format: WAVFormat) -> [Int16] {
        if file.format.sampleRate == format.sampleRate && file.format.channels == format.channels {
            return file.samples
        }
        var mono = file.monoSamples()
        if file.format.sampleRate != format.sampleRate {
            var resampler = Resampler(inputRate: file.format.sampleRate, outputRate: format.sampleRate)
            mono = resampler.process(mono)
        }
        guard format.channels > 1 else { return mono }
        return mono.flatMap { Array(repeating: $0, count: format.channels) }
    }
}
