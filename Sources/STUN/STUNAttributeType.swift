/// A STUN attribute type (RFC 8489 §14, §18.3). Types below 0x8000 are comprehension-required: a
/// server that does not understand one in a request answers 420 (RFC 8489 §7.3.1).
public struct STUNAttributeType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// RFC 8489 §14.1.
    public static let mappedAddress = STUNAttributeType(rawValue: 0x0001)
    /// RFC 8489 §14.3.
    public static let username = STUNAttributeType(rawValue: 0x0006)
    /// RFC 8489 §14.5.
    public static let messageIntegrity = STUNAttributeType(rawValue: 0x0008)
    /// RFC 8489 §14.8.
    public static let errorCode = STUNAttributeType(rawValue: 0x0009)
    /// RFC 8489 §14.13.
    public static let unknownAttributes = STUNAttributeType(rawValue: 0x000A)
    /// RFC 8489 §14.9.
    public static let realm = STUNAttributeType(rawValue: 0x0014)
    /// RFC 8489 §14.10.
    public static let nonce = STUNAttributeType(rawValue: 0x0015)
    /// RFC 8489 §14.6.
    public static let messageIntegritySHA256 = STUNAttributeType(rawValue: 0x001C)
    /// RFC 8489 §14.12.
    public static let passwordAlgorithm = STUNAttributeType(rawValue: 0x001D)
    /// RFC 8489 §14.4.
    public static let userhash = STUNAttributeType(rawValue: 0x001E)
    /// RFC 8489 §14.2.
    public static let xorMappedAddress = STUNAttributeType(rawValue: 0x0020)
    /// RFC 8445 §16.1.
    public static let priority = STUNAttributeType(rawValue: 0x0024)
    /// RFC 8445 §16.1.
    public static let useCandidate = STUNAttributeType(rawValue: 0x0025)
    /// RFC 8489 §14.11.
    public static let passwordAlgorithms = STUNAttributeType(rawValue: 0x8002)
    /// RFC 8489 §14.16.
    public static let alternateDomain = STUNAttributeType(rawValue: 0x8003)
    /// RFC 8489 §14.14.
    public static let software = STUNAttributeType(rawValue: 0x8022)
    /// RFC 8489 §14.15.
    public static let alternateServer = STUNAttributeType(rawValue: 0x8023)
    /// RFC 8489 §14.7.
    public static let fingerprint = STUNAttributeType(rawValue: 0x8028)
    /// RFC 8445 §16.1.
    public static let iceControlled = STUNAttributeType(rawValue: 0x8029)
    /// RFC 8445 §16.1.
    public static let iceControlling = STUNAttributeType(rawValue: 0x802A)

    /// RFC 8489 §14: 0x0000–0x7FFF must be understood.
    public var isComprehensionRequired: Bool { rawValue < 0x8000 }

    /// The comprehension-required types this package understands; anything else below 0x8000 in a
    /// request earns a 420 (Unknown Attribute).
    public static let understood: Set<STUNAttributeType> = [
        .mappedAddress, .username, .messageIntegrity, .errorCode, .unknownAttributes, .realm, .nonce,
        .messageIntegritySHA256, .passwordAlgorithm, .userhash, .xorMappedAddress, .priority, .useCandidate,
    ]

    public var description: String { "0x" + String(rawValue, radix: 16) }
}
