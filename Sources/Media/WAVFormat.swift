/// Sample encoding inside a WAV `data` chunk.
public enum WAVEncoding: Sendable, Hashable {
    /// Linear PCM, 16-bit little-endian (format tag 1).
    case pcm16
    /// G.711 μ-law, 8 bits (format tag 7, `WAVE_FORMAT_MULAW`).
    case muLaw
    /// G.711 A-law, 8 bits (format tag 6, `WAVE_FORMAT_ALAW`).
    case aLaw

    /// The RIFF `wFormatTag` value.
    public var formatTag: UInt16 {
        switch self {
        case .pcm16: 1
        case .muLaw: 7
        case .aLaw: 6
        }
    }

    /// Bytes one sample of one channel occupies.
    public var bytesPerSample: Int {
        switch self {
        case .pcm16: 2
        case .muLaw, .aLaw: 1
        }
    }
}

/// The layout of a WAV file's audio: encoding, rate and channel count.
public struct WAVFormat: Sendable, Hashable {
    public var encoding: WAVEncoding
    public var sampleRate: Int
    public var channels: Int

    public init(encoding: WAVEncoding = .pcm16, sampleRate: Int, channels: Int = 1) {
        self.encoding = encoding
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Bytes per sample frame (all channels), the `nBlockAlign` field.
    public var blockAlign: Int { encoding.bytesPerSample * channels }

    /// Bytes per second, the `nAvgBytesPerSec` field.
    public var byteRate: Int { blockAlign * sampleRate }
}
