/// The fixed-size RIFF/WAVE header ``WAVWriter`` and ``WAVFile/serialized()`` emit.
///
/// PCM: `RIFF` + `fmt ` (16 bytes) + `data` = 44 bytes. G.711: `fmt ` is 18 bytes (with `cbSize` = 0) and a
/// `fact` chunk holding the sample-frame count follows, as non-PCM formats require = 58 bytes.
struct WAVHeader {
    let format: WAVFormat

    private var hasFact: Bool { format.encoding != .pcm16 }
    private var formatChunkSize: Int { hasFact ? 18 : 16 }

    /// Total header bytes before the audio.
    var size: Int { 12 + 8 + formatChunkSize + (hasFact ? 12 : 0) + 8 }

    /// Offset of the RIFF chunk size field.
    static let riffSizeOffset = 4
    /// Offset of the `fact` chunk's sample-frame count, if any.
    var factCountOffset: Int? { hasFact ? 12 + 8 + formatChunkSize + 8 : nil }
    /// Offset of the `data` chunk size field.
    var dataSizeOffset: Int { size - 4 }

    /// The RIFF size for `dataBytes` of audio (odd data gets a pad byte, which the RIFF size includes).
    func riffSize(dataBytes: Int) -> UInt32 { UInt32(truncatingIfNeeded: size - 8 + dataBytes + (dataBytes & 1)) }

    /// The complete header describing `dataBytes` of audio.
    func bytes(dataBytes: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(size)
        out.append(contentsOf: Array("RIFF".utf8))
        Self.append32(riffSize(dataBytes: dataBytes), to: &out)
        out.append(contentsOf: Array("WAVEfmt ".utf8))
        Self.append32(UInt32(formatChunkSize), to: &out)
        Self.append16(format.encoding.formatTag, to: &out)
        Self.append16(UInt16(format.channels), to: &out)
        Self.append32(UInt32(format.sampleRate), to: &out)
        Self.append32(UInt32(format.byteRate), to: &out)
        Self.append16(UInt16(format.blockAlign), to: &out)
        Self.append16(UInt16(format.encoding.bytesPerSample * 8), to: &out)
        if hasFact {
            Self.append16(0, to: &out)
            out.append(contentsOf: Array("fact".utf8))
            Self.append32(4, to: &out)
            Self.append32(UInt32(dataBytes / format.blockAlign), to: &out)
        }
        out.append(contentsOf: Array("data".utf8))
        Self.append32(UInt32(truncatingIfNeeded: dataBytes), to: &out)
        return out
    }

    static func append16(_ value: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    static func append32(_ value: UInt32, to out: inout [UInt8]) {
        append16(UInt16(truncatingIfNeeded: value), to: &out)
        append16(UInt16(truncatingIfNeeded: value >> 16), to: &out)
    }

    /// Appends `samples` encoded as `encoding` to `out` (no allocation once `out` has capacity).
    static func encode(_ samples: UnsafeBufferPointer<Int16>, as encoding: WAVEncoding, into out: inout [UInt8]) {
        switch encoding {
        case .pcm16:
            for sample in samples {
                append16(UInt16(bitPattern: sample), to: &out)
            }
        case .muLaw:
            for sample in samples { out.append(G711MuLaw.encode(sample)) }
        case .aLaw:
            for sample in samples { out.append(G711ALaw.encode(sample)) }
        }
    }
}
