/// Why a WAV file could not be read or written.
///
/// Follows the project's error shape: a struct wrapping a private code, compared with the static values.
public struct WAVError: Error, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case notRIFF, notWAVE, truncated, missingFormatChunk, missingDataChunk
        case unsupportedFormatTag(UInt16), unsupportedBitsPerSample(UInt16), invalidFormat
        case system(Int32)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The file does not start with `RIFF`.
    public static let notRIFF = WAVError(.notRIFF)
    /// The RIFF form type is not `WAVE`.
    public static let notWAVE = WAVError(.notWAVE)
    /// A chunk header or the `fmt ` chunk is cut short.
    public static let truncated = WAVError(.truncated)
    /// No `fmt ` chunk precedes the `data` chunk.
    public static let missingFormatChunk = WAVError(.missingFormatChunk)
    /// No `data` chunk was found.
    public static let missingDataChunk = WAVError(.missingDataChunk)
    /// Channel count, sample rate or block alignment are impossible.
    public static let invalidFormat = WAVError(.invalidFormat)
    /// A format tag other than PCM (1), A-law (6), μ-law (7) or extensible (0xFFFE) wrapping one of them.
    public static func unsupportedFormatTag(_ tag: UInt16) -> WAVError { WAVError(.unsupportedFormatTag(tag)) }
    /// PCM with a sample size other than 16 bits, or G.711 with other than 8.
    public static func unsupportedBitsPerSample(_ bits: UInt16) -> WAVError { WAVError(.unsupportedBitsPerSample(bits)) }
    /// A system call failed with this `errno`.
    public static func system(errno: Int32) -> WAVError { WAVError(.system(errno)) }

    public var description: String {
        switch code {
        case .notRIFF: "WAVError: not a RIFF file"
        case .notWAVE: "WAVError: RIFF form is not WAVE"
        case .truncated: "WAVError: truncated chunk"
        case .missingFormatChunk: "WAVError: no fmt chunk before data"
        case .missingDataChunk: "WAVError: no data chunk"
        case .invalidFormat: "WAVError: invalid channel count, rate or block alignment"
        case .unsupportedFormatTag(let tag): "WAVError: unsupported format tag \(tag)"
        case .unsupportedBitsPerSample(let bits): "WAVError: unsupported bits per sample \(bits)"
        case .system(let errno): "WAVError: system call failed, errno \(errno)"
        }
    }
}
