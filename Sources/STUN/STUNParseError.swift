/// A malformed STUN message or attribute (RFC 8489 §5, §14). Peer input never traps.
public struct STUNParseError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case truncated
        case notSTUN
        case invalidLength
        case tooManyAttributes
        case attributeAfterFingerprint
        case invalidAttribute
    }

    private let code: Code

    /// Fewer than 20 octets, or an attribute runs past the message.
    public static let truncated = STUNParseError(code: .truncated)
    /// The two leading bits are not zero or the magic cookie is wrong (RFC 8489 §5).
    public static let notSTUN = STUNParseError(code: .notSTUN)
    /// The header length is not a multiple of 4 or disagrees with the datagram (RFC 8489 §5).
    public static let invalidLength = STUNParseError(code: .invalidLength)
    /// More attributes than ``STUNMessage/maximumAttributeCount``.
    public static let tooManyAttributes = STUNParseError(code: .tooManyAttributes)
    /// FINGERPRINT is not the last attribute (RFC 8489 §14.7).
    public static let attributeAfterFingerprint = STUNParseError(code: .attributeAfterFingerprint)
    /// An attribute value has the wrong size or content for its type (e.g. a 5-octet PRIORITY, a
    /// USERNAME over 512 octets, an unknown address family).
    public static let invalidAttribute = STUNParseError(code: .invalidAttribute)

    public var description: String { "STUNParseError.\(code)" }
}
