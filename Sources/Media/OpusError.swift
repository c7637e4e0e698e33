internal import COpus

/// A libopus failure (`OPUS_BAD_ARG`, `OPUS_INVALID_PACKET`, …), with libopus's own description.
public struct OpusError: Error, Equatable, CustomStringConvertible {
    /// The negative libopus error code.
    public let code: Int32

    public init(code: Int32) { self.code = code }

    public var message: String { String(cString: opus_strerror(code)) }
    public var description: String { "OpusError(\(code)): \(message)" }

    static func check(_ result: Int32) throws(OpusError) {
        guard result == OPUS_OK else { throw OpusError(code: result) }
    }
}

/// The coding mode hint given to the encoder (RFC 6716 §2.1.1 and `opus_encoder_create`).
public enum OpusApplication: Sendable {
    /// Best for speech (`OPUS_APPLICATION_VOIP`); the telephony default.
    case voip
    /// Best for music and mixed content (`OPUS_APPLICATION_AUDIO`).
    case audio
    /// Lowest delay, CELT only (`OPUS_APPLICATION_RESTRICTED_LOWDELAY`).
    case restrictedLowDelay

    var rawValue: Int32 {
        switch self {
        case .voip: OPUS_APPLICATION_VOIP
        case .audio: OPUS_APPLICATION_AUDIO
        case .restrictedLowDelay: OPUS_APPLICATION_RESTRICTED_LOWDELAY
        }
    }
}
