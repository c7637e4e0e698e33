/// One type-length-value attribute (RFC 8489 §14, Figure 4). The value excludes the padding to the next
/// 32-bit boundary. Unknown types are kept as they are, so a message re-serializes unchanged.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Type                  |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Value (variable)                ....
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public struct STUNAttribute: Hashable, Sendable {
    public var type: STUNAttributeType
    public var value: [UInt8]

    public init(type: STUNAttributeType, value: some Sequence<UInt8>) {
        self.type = type
        self.value = Array(value)
    }

    /// Octets on the wire, header and padding included.
    public var paddedSize: Int { 4 + (value.count + 3) & ~3 }

    /// USERNAME (RFC 8489 §14.3); for ICE checks `"<receiver ufrag>:<sender ufrag>"` (RFC 8445 §7.2.2).
    public static func username(_ username: String) -> STUNAttribute {
        STUNAttribute(type: .username, value: username.utf8)
    }

    /// SOFTWARE (RFC 8489 §14.14).
    public static func software(_ software: String) -> STUNAttribute {
        STUNAttribute(type: .software, value: software.utf8)
    }

    /// PRIORITY (RFC 8445 §7.1.1): the priority a peer-reflexive candidate learnt from this check would get.
    public static func priority(_ priority: UInt32) -> STUNAttribute {
        var value: [UInt8] = []
        value.appendUInt32(priority)
        return STUNAttribute(type: .priority, value: value)
    }

    /// USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates the pair; no value.
    public static let useCandidate = STUNAttribute(type: .useCandidate, value: [])

    /// ICE-CONTROLLING with the sender's tie-breaker (RFC 8445 §7.1.3).
    public static func iceControlling(tieBreaker: UInt64) -> STUNAttribute {
        var value: [UInt8] = []
        value.appendUInt64(tieBreaker)
        return STUNAttribute(type: .iceControlling, value: value)
    }

    /// ICE-CONTROLLED with the sender's tie-breaker (RFC 8445 §7.1.3).
    public static func iceControlled(tieBreaker: UInt64) -> STUNAttribute {
        var value: [UInt8] = []
        value.appendUInt64(tieBreaker)
        return STUNAttribute(type: .iceControlled, value: value)
    }

    /// ERROR-CODE (RFC 8489 §14.8).
    public static func errorCode(_ error: STUNErrorCode) -> STUNAttribute {
        STUNAttribute(type: .errorCode, value: error.encoded())
    }

    /// UNKNOWN-ATTRIBUTES (RFC 8489 §14.13), sent with a 420 response.
    public static func unknownAttributes(_ types: [STUNAttributeType]) -> STUNAttribute {
        var value: [UInt8] = []
        for type in types { value.appendUInt16(type.rawValue) }
        return STUNAttribute(type: .unknownAttributes, value: value)
    }

    /// MAPPED-ADDRESS (RFC 8489 §14.1), the address in the clear (RFC 3489 compatibility).
    public static func mappedAddress(_ address: TransportAddress) -> STUNAttribute {
        STUNAttribute(type: .mappedAddress, value: encodeAddress(address, xorWith: nil))
    }

    /// XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the reflexive address, obfuscated with the magic cookie and,
    /// for IPv6, the transaction ID.
    public static func xorMappedAddress(
        _ address: TransportAddress, transactionID: STUNTransactionID
    ) -> STUNAttribute {
        STUNAttribute(type: .xorMappedAddress, value: encodeAddress(address, xorWith: transactionID))
    }
}

// MARK: - Address encoding (RFC 8489 §14.1, §14.2)

extension STUNAttribute {
    /// ```
    ///  0                   1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |0 0 0 0 0 0 0 0|    Family     |         (X-)Port              |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                 (X-)Address (32 bits or 128 bits)             |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ```
    static func encodeAddress(_ address: TransportAddress, xorWith transactionID: STUNTransactionID?) -> [UInt8] {
        var value: [UInt8] = [0, address.ip.stunFamily]
        let mask = transactionID.map { xorMask(transactionID: $0) }
        value.appendUInt16(mask == nil ? address.port : address.port ^ UInt16(STUNMessage.magicCookie >> 16))
        for (index, octet) in address.ip.octets.enumerated() { value.append(octet ^ (mask?[index] ?? 0)) }
        return value
    }

    static func decodeAddress(
        _ value: [UInt8], xorWith transactionID: STUNTransactionID?
    ) throws(STUNParseError) -> TransportAddress {
        guard value.count >= 4 else { throw .invalidAttribute }
        let length: Int
        switch value[1] {
        case 0x01: length = 4
        case 0x02: length = 16
        default: throw .invalidAttribute
        }
        guard value.count == 4 + length else { throw .invalidAttribute }
        let mask = transactionID.map { xorMask(transactionID: $0) }
        var port = value.uint16(at: 2)
        if mask != nil { port ^= UInt16(STUNMessage.magicCookie >> 16) }
        let octets = (0..<length).map { value[4 + $0] ^ (mask?[$0] ?? 0) }
        guard let ip = IPAddress(octets: octets) else { throw .invalidAttribute }
        return TransportAddress(ip: ip, port: port)
    }

    /// The magic cookie followed by the transaction ID (RFC 8489 §14.2).
    private static func xorMask(transactionID: STUNTransactionID) -> [UInt8] {
        var mask: [UInt8] = []
        mask.appendUInt32(STUNMessage.magicCookie)
        return mask + transactionID.octets
    }
}
