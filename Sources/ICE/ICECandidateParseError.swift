/// A malformed `a=candidate` value (RFC 8839 §5.1). Peer input never traps.
public struct ICECandidateParseError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case tooLong
        case missingField
        case invalidFoundation
        case invalidComponentID
        case invalidTransport
        case invalidPriority
        case invalidAddress
        case invalidPort
        case unknownCandidateType
        case invalidExtension
    }

    private let code: Code

    /// Longer than ``ICECandidate/maximumLength`` or more than ``ICECandidate/maximumExtensions`` extensions.
    public static let tooLong = ICECandidateParseError(code: .tooLong)
    /// Fewer than the eight mandatory fields, or `typ` missing.
    public static let missingField = ICECandidateParseError(code: .missingField)
    /// Foundation not 1–32 ice-chars.
    public static let invalidFoundation = ICECandidateParseError(code: .invalidFoundation)
    /// Component ID not 1–256.
    public static let invalidComponentID = ICECandidateParseError(code: .invalidComponentID)
    /// Transport not a token.
    public static let invalidTransport = ICECandidateParseError(code: .invalidTransport)
    /// Priority not 1–10 digits fitting 32 bits.
    public static let invalidPriority = ICECandidateParseError(code: .invalidPriority)
    /// Connection or related address neither an IP address nor a host name (such as an mDNS `.local` name).
    public static let invalidAddress = ICECandidateParseError(code: .invalidAddress)
    /// Port or rport not 0–65535.
    public static let invalidPort = ICECandidateParseError(code: .invalidPort)
    /// `typ` is not host, srflx, prflx or relay.
    public static let unknownCandidateType = ICECandidateParseError(code: .unknownCandidateType)
    /// An extension name without a value.
    public static let invalidExtension = ICECandidateParseError(code: .invalidExtension)

    public var description: String { "ICECandidateParseError.\(code)" }
}
