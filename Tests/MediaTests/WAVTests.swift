import Foundation
import Testing
@testable import Media

@Suite struct WAVTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("media-\(UUID().uuidString)-\(name)").path
    }

    static func ramp(_ count: Int, step: Int = 97) -> [Int16] {
        (0..<count).map { Int16(truncatingIfNeeded: $0 * step - 16000) }
    }

    /// Builds a RIFF file from raw chunks.
    static func riff(_ chunks: [(String, [UInt8])], form: String = "WAVE") -> [UInt8] {
        var body = Array(form.utf8)
        for (id, data) in chunks {
            body += Array(id.utf8)
            WAVHeader.append32(UInt32(data.count), to: &body)
            body += data
            if data.count & 1 == 1 { body.append(0) }
        }
        var out = Array("RIFF".utf8)
        WAVHeader.append32(UInt32(body.count), to: &out)
        return out + body
    }

    static func fmt(tag: UInt16, channels: UInt16 = 1, rate: UInt32 = 8000, bits: UInt16 = 16) -> [UInt8] {
        var out: [UInt8] = []
        let align = channels * bits / 8
        WAVHeader.append16(tag, to: &out)
        WAVHeader.append16(channels, to: &out)
        WAVHeader.append32(rate, to: &out)
        WAVHeader.append32(rate * UInt32(align), to: &out)
        WAVHeader.append16(align, to: &out)
        WAVHeader.append16(bits, to: &out)
        return out
    }

    @Test(arguments: [(8000, 1), (16000, 1), (44100, 2), (48000, 2)])
    func pcmRoundTrip(rate: Int, channels: Int) throws {
        let file = WAVFile(format: WAVFormat(sampleRate: rate, channels: channels), samples: Self.ramp(channels * 1234))
        let bytes = file.serialized()
        #expect(bytes.count == 44 + channels * 1234 * 2)
        let parsed = try WAVFile(bytes: bytes)
        #expect(parsed.format == file.format)
        #expect(parsed.samples == file.samples)
        #expect(parsed.frameCount == 1234)
    }

    @Test(arguments: [WAVEncoding.muLaw, .aLaw])
    func g711RoundTripWithOddLength(encoding: WAVEncoding) throws {
        let samples = Self.ramp(161)
        let bytes = WAVFile(format: WAVFormat(encoding: encoding, sampleRate: 8000), samples: samples).serialized()
        #expect(bytes.count == 58 + 162, "fmt 18 + fact chunk, data padded to even length")
        #expect(Array(bytes[20..<22]) == [UInt8(encoding.formatTag), 0])
        let parsed = try WAVFile(bytes: bytes)
        let expected = encoding == .muLaw
            ? samples.map { G711MuLaw.decode(G711MuLaw.encode($0)) }
            : samples.map { G711ALaw.decode(G711ALaw.encode($0)) }
        #expect(parsed.format.encoding == encoding)
        #expect(parsed.samples == expected)
    }

    @Test func skipsUnknownChunksIncludingOddPadding() throws {
        let pcm: [UInt8] = [0x01, 0x00, 0xFF, 0xFF, 0x00, 0x80]
        let bytes = Self.riff([("LIST", [1, 2, 3]), ("fmt ", Self.fmt(tag: 1)), ("junk", [9]), ("data", pcm)])
        let parsed = try WAVFile(bytes: bytes)
        #expect(parsed.samples == [1, -1, -32768])
    }

    @Test func readsExtensibleFormat() throws {
        var fmt = Self.fmt(tag: 0xFFFE, channels: 2, rate: 16000)
        WAVHeader.append16(22, to: &fmt)        // cbSize
        WAVHeader.append16(16, to: &fmt)        // valid bits
        WAVHeader.append32(3, to: &fmt)         // channel mask
        WAVHeader.append16(1, to: &fmt)         // sub-format GUID starts with the PCM tag
        fmt += [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]
        let parsed = try WAVFile(bytes: Self.riff([("fmt ", fmt), ("data", [1, 0, 2, 0, 3, 0, 4, 0])]))
        #expect(parsed.format == WAVFormat(sampleRate: 16000, channels: 2))
        #expect(parsed.monoSamples() == [1, 3])
    }

    @Test func malformedFilesThrowTypedErrors() {
        let data = ("data", [UInt8](repeating: 0, count: 4))
        #expect(throws: WAVError.notRIFF) { try WAVFile(bytes: Array("RIFX....WAVE".utf8)) }
        #expect(throws: WAVError.notRIFF) { try WAVFile(bytes: []) }
        #expect(throws: WAVError.notWAVE) { try WAVFile(bytes: Self.riff([data], form: "AVI ")) }
        #expect(throws: WAVError.missingFormatChunk) { try WAVFile(bytes: Self.riff([data])) }
        #expect(throws: WAVError.missingDataChunk) { try WAVFile(bytes: Self.riff([("fmt ", Self.fmt(tag: 1))])) }
        #expect(throws: WAVError.unsupportedFormatTag(3)) {
            try WAVFile(bytes: Self.riff([("fmt ", Self.fmt(tag: 3, bits: 32)), data]))
        }
        #expect(throws: WAVError.unsupportedBitsPerSample(8)) {
            try WAVFile(bytes: Self.riff([("fmt ", Self.fmt(tag: 1, bits: 8)), data]))
        }
        #expect(throws: WAVError.invalidFormat) {
            try WAVFile(bytes: Self.riff([("fmt ", Self.fmt(tag: 1, channels: 0)), data]))
        }
        #expect(throws: WAVError.truncated) {
            try WAVFile(bytes: Self.riff([("fmt ", Array(Self.fmt(tag: 1).prefix(12))), data]))
        }
        var cut = Self.riff([("LIST", [UInt8](repeating: 0, count: 40))])
        cut.removeLast(20)
        #expect(throws: WAVError.truncated) { try WAVFile(bytes: cut) }
        #expect(throws: WAVError.system(errno: ENOENT)) { try WAVFile(contentsOf: "/nonexistent/x.wav") }
    }

    @Test func unknownDataSizeMeansUpToEndOfFile() throws {
        var bytes = WAVFile(format: WAVFormat(sampleRate: 8000), samples: [5, 6, 7]).serialized()
        bytes.replaceSubrange(40..<44, with: [0xFF, 0xFF, 0xFF, 0xFF])
        bytes.append(0x09)   // a half sample frame at the end is dropped
        #expect(try WAVFile(bytes: bytes).samples == [5, 6, 7])
    }

    @Test func writerProducesTheSameFileAsSerialization() throws {
        let path = Self.temporaryPath("w.wav")
        defer { unlink(path) }
        let format = WAVFormat(sampleRate: 16000, channels: 2)
        let samples = Self.ramp(2 * 16000 * 3 / 2)
        let writer = try WAVWriter(path: path, format: format)
        for start in stride(from: 0, to: samples.count, by: 640) {
            try writer.write(Array(samples[start..<min(start + 640, samples.count)]))
        }
        try writer.finish()
        try writer.finish()
        #expect(writer.framesWritten == 24000)
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect([UInt8](onDisk) == WAVFile(format: format, samples: samples).serialized())
    }

    @Test func g711WriterPadsOddDataOnFinish() throws {
        let path = Self.temporaryPath("alaw.wav")
        defer { unlink(path) }
        let format = WAVFormat(encoding: .aLaw, sampleRate: 8000)
        let samples = Self.ramp(161)
        let writer = try WAVWriter(path: path, format: format)
        try writer.write(Array(samples[0..<100]))
        try writer.write(Array(samples[100...]))
        try writer.finish()
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect([UInt8](onDisk) == WAVFile(format: format, samples: samples).serialized())
    }

    @Test(arguments: [WAVEncoding.pcm16, .muLaw])
    func writerKilledMidwayKeepsAudioUpToLastHeaderUpdate(encoding: WAVEncoding) throws {
        let path = Self.temporaryPath("crash.wav")
        defer { unlink(path) }
        let format = WAVFormat(encoding: encoding, sampleRate: 8000)
        let samples = Self.ramp(8000 * 5 / 2, step: 13)
        let writer = try WAVWriter(path: path, format: format)
        #expect(writer.headerUpdateInterval == 8000, "at least once per second of audio")
        for start in stride(from: 0, to: samples.count, by: 160) {
            try writer.write(Array(samples[start..<(start + 160)]))
        }
        // No finish(): the process "dies" here. Read the file while the writer is still alive.
        let recovered = try withExtendedLifetime(writer) { try WAVFile(contentsOf: path) }
        #expect(writer.framesInHeader == 16000)
        #expect(recovered.frameCount == 16000)
        let expected = encoding == .pcm16 ? samples : samples.map { G711MuLaw.decode(G711MuLaw.encode($0)) }
        #expect(recovered.samples == Array(expected.prefix(16000)))
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(size == WAVHeader(format: format).size + 20000 * encoding.bytesPerSample)
    }

    @Test func writerWithNoAudioLeavesAValidEmptyFile() throws {
        let path = Self.temporaryPath("empty.wav")
        defer { unlink(path) }
        let writer = try WAVWriter(path: path, format: WAVFormat(sampleRate: 8000))
        let file = try withExtendedLifetime(writer) { try WAVFile(contentsOf: path) }
        #expect(file.samples.isEmpty)
        #expect(throws: WAVError.system(errno: ENOENT)) {
            try WAVWriter(path: "/nonexistent/dir/x.wav", format: WAVFormat(sampleRate: 8000))
        }
    }
}
