#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A decoded RIFF/WAVE file: format plus interleaved 16-bit linear samples.
///
/// Reads PCM 16-bit (tag 1), A-law (6), μ-law (7) and `WAVE_FORMAT_EXTENSIBLE` (0xFFFE) wrapping one of them,
/// any rate, any channel count. Unknown chunks (`LIST`, `fact`, `cue `…) are skipped; chunks are padded to even
/// length as RIFF requires.
///
/// A `data` size of 0 or 0xFFFFFFFF (a writer that never finalised, or a stream), or one that runs past the end
/// of the file (a crash after the last header update), is taken to mean "up to the end of the file", rounded
/// down to whole sample frames. Otherwise the declared size wins, so a file written by ``WAVWriter`` that was
/// never finished yields exactly the audio up to its last header update.
public struct WAVFile: Sendable {
    /// Format of the audio in the file (G.711 files keep their encoding here; ``samples`` are always linear).
    public let format: WAVFormat
    /// Interleaved samples, decoded to 16-bit linear PCM.
    public let samples: [Int16]

    public init(format: WAVFormat, samples: [Int16]) {
        self.format = format
        self.samples = samples
    }

    /// Sample frames (one sample per channel).
    public var frameCount: Int { format.channels == 0 ? 0 : samples.count / format.channels }

    /// Duration in milliseconds, rounded down.
    public var durationMilliseconds: Int { format.sampleRate == 0 ? 0 : frameCount * 1000 / format.sampleRate }

    /// Mono audio: the file's samples if mono, otherwise the average of all channels per frame.
    public func monoSamples() -> [Int16] {
        let channels = format.channels
        guard channels > 1 else { return samples }
        var mono = [Int16](repeating: 0, count: frameCount)
        for frame in 0..<frameCount {
            var sum = 0
            for channel in 0..<channels { sum += Int(samples[frame * channels + channel]) }
            mono[frame] = Int16(sum / channels)
        }
        return mono
    }

    /// Parses a complete WAV file held in memory.
    public init(bytes: [UInt8]) throws(WAVError) {
        var reader = ByteReader(bytes: bytes)
        guard bytes.count >= 12 else { throw bytes.count >= 4 && reader.fourCC(at: 0) == "RIFF" ? .truncated : .notRIFF }
        guard reader.fourCC(at: 0) == "RIFF" else { throw .notRIFF }
        guard reader.fourCC(at: 8) == "WAVE" else { throw .notWAVE }
        reader.offset = 12
        var format: WAVFormat?
        while reader.offset + 8 <= bytes.count {
            let id = reader.fourCC(at: reader.offset)
            let size = Int(reader.uint32(at: reader.offset + 4))
            let body = reader.offset + 8
            switch id {
            case "fmt ":
                guard body + size <= bytes.count else { throw .truncated }
                format = try Self.parseFormat(reader, at: body, size: size)
            case "data":
                guard let format else { throw .missingFormatChunk }
                let available = bytes.count - body
                let declared = (size == 0 || size == 0xFFFF_FFFF || size > available) ? available : size
                let usable = declared - declared % format.blockAlign
                self.init(format: format, samples: Self.decode(bytes[body..<(body + usable)], encoding: format.encoding))
                return
            default:
                guard body + size <= bytes.count else { throw .truncated }
            }
            reader.offset = body + size + (size & 1)
        }
        throw format == nil ? .missingFormatChunk : .missingDataChunk
    }

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String) throws(WAVError) {
        try self.init(bytes: Self.readAll(path: path))
    }

    private static func parseFormat(_ reader: ByteReader, at offset: Int, size: Int) throws(WAVError) -> WAVFormat {
        guard size >= 16 else { throw .truncated }
        var tag = reader.uint16(at: offset)
        let channels = Int(reader.uint16(at: offset + 2))
        let rate = Int(reader.uint32(at: offset + 4))
        let blockAlign = Int(reader.uint16(at: offset + 12))
        let bits = reader.uint16(at: offset + 14)
        if tag == 0xFFFE {
            // WAVEFORMATEXTENSIBLE: cbSize(2) validBits(2) channelMask(4) then the sub-format GUID, whose first
            // two bytes are the real format tag.
            guard size >= 40 else { throw .truncated }
            tag = reader.uint16(at: offset + 24)
        }
        let encoding: WAVEncoding
        switch tag {
        case 1: encoding = .pcm16
        case 6: encoding = .aLaw
        case 7: encoding = .muLaw
        default: throw .unsupportedFormatTag(tag)
        }
        guard Int(bits) == encoding.bytesPerSample * 8 else { throw .unsupportedBitsPerSample(bits) }
        let format = WAVFormat(encoding: encoding, sampleRate: rate, channels: channels)
        guard channels > 0, rate > 0, blockAlign == format.blockAlign else { throw .invalidFormat }
        return format
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, encoding: WAVEncoding) -> [Int16] {
        switch encoding {
        case .muLaw: return bytes.map(G711MuLaw.decode)
        case .aLaw: return bytes.map(G711ALaw.decode)
        case .pcm16:
            var samples = [Int16](repeating: 0, count: bytes.count / 2)
            var index = bytes.startIndex
            for i in samples.indices {
                samples[i] = Int16(bitPattern: UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
                index += 2
            }
            return samples
        }
    }

    private static func readAll(path: String) throws(WAVError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .system(errno: errno) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(errno: errno)
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}

/// Little-endian field access over a byte array.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    func uint16(at index: Int) -> UInt16 { UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 }

    func uint32(at index: Int) -> UInt32 {
        UInt32(uint16(at: index)) | UInt32(uint16(at: index + 2)) << 16
    }

    func fourCC(at index: Int) -> String {
        String(decoding: bytes[index..<(index + 4)], as: UTF8.self)
    }
}
