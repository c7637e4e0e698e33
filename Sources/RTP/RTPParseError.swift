/// A malformed RTP or RTCP packet (RFC 3550 §5.1, §6.4, A.1). Peer input never traps.
public struct RTPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case truncated
        case unsupportedVersion
        case invalidPadding
        case invalidLength
        case invalidPayload
    }

    private let code: Code

    /// Fewer bytes than the fixed header, CSRC list or header extension require.
    public static let truncated = RTPParseError(code: .truncated)
    /// The version field is not 2.
    public static let unsupportedVersion = RTPParseError(code: .unsupportedVersion)
    /// The padding count is zero or exceeds the packet (RFC 3550 §5.1, A.1).
    public static let invalidPadding = RTPParseError(code: .invalidPadding)
    /// An RTCP length field or item length that does not fit the datagram (RFC 3550 §6.4.1, A.2).
    public static let invalidLength = RTPParseError(code: .invalidLength)
    /// A payload too short for its format (e.g. RFC 4733 events need 4 octets).
    public static let invalidPayload = RTPParseError(code: .invalidPayload)

    public var description: String { "RTPParseError.\(code)" }
}
