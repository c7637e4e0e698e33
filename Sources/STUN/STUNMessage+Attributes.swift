/// Typed access to the attributes STUN and ICE use (pion's `GetFrom`). Getters return the first
/// attribute of a type, `nil` when absent, and throw ``STUNParseError/invalidAttribute`` when present
/// but malformed.
extension STUNMessage {
    /// The first attribute of a type.
    public func attribute(_ type: STUNAttributeType) -> STUNAttribute? {
        attributes.first { $0.type == type }
    }

    public func contains(_ type: STUNAttributeType) -> Bool {
        attributes.contains { $0.type == type }
    }

    /// USERNAME as UTF-8 text (RFC 8489 §14.3).
    public func username() throws(STUNParseError) -> String? {
        try text(.username)
    }

    /// SOFTWARE (RFC 8489 §14.14).
    public func software() throws(STUNParseError) -> String? {
        try text(.software)
    }

    /// REALM (RFC 8489 §14.9).
    public func realm() throws(STUNParseError) -> String? {
        try text(.realm)
    }

    /// NONCE (RFC 8489 §14.10).
    public func nonce() throws(STUNParseError) -> String? {
        try text(.nonce)
    }

    /// PRIORITY (RFC 8445 §7.1.1).
    public func priority() throws(STUNParseError) -> UInt32? {
        guard let value = attribute(.priority)?.value else { return nil }
        guard value.count == 4 else { throw .invalidAttribute }
        return value.uint32(at: 0)
    }

    /// Whether USE-CANDIDATE is present (RFC 8445 §7.1.2).
    public var useCandidate: Bool { contains(.useCandidate) }

    /// The tie-breaker of ICE-CONTROLLING (RFC 8445 §7.1.3).
    public func iceControlling() throws(STUNParseError) -> UInt64? {
        try tieBreaker(.iceControlling)
    }

    /// The tie-breaker of ICE-CONTROLLED (RFC 8445 §7.1.3).
    public func iceControlled() throws(STUNParseError) -> UInt64? {
        try tieBreaker(.iceControlled)
    }

    /// ERROR-CODE (RFC 8489 §14.8).
    public func errorCode() throws(STUNParseError) -> STUNErrorCode? {
        guard let value = attribute(.errorCode)?.value else { return nil }
        return try STUNErrorCode(decoding: value)
    }

    /// UNKNOWN-ATTRIBUTES (RFC 8489 §14.13).
    public func unknownAttributes() throws(STUNParseError) -> [STUNAttributeType]? {
        guard let value = attribute(.unknownAttributes)?.value else { return nil }
        guard value.count % 2 == 0 else { throw .invalidAttribute }
        return stride(from: 0, to: value.count, by: 2).map { STUNAttributeType(rawValue: value.uint16(at: $0)) }
    }

    /// MAPPED-ADDRESS (RFC 8489 §14.1).
    public func mappedAddress() throws(STUNParseError) -> TransportAddress? {
        guard let value = attribute(.mappedAddress)?.value else { return nil }
        return try STUNAttribute.decodeAddress(value, xorWith: nil)
    }

    /// XOR-MAPPED-ADDRESS (RFC 8489 §14.2), decoded with this message's transaction ID.
    public func xorMappedAddress() throws(STUNParseError) -> TransportAddress? {
        guard let value = attribute(.xorMappedAddress)?.value else { return nil }
        return try STUNAttribute.decodeAddress(value, xorWith: transactionID)
    }

    /// Comprehension-required attribute types this package does not understand, in order, without
    /// repeats (RFC 8489 §7.3.1: a request carrying any earns a 420 listing them).
    public var unknownComprehensionRequired: [STUNAttributeType] {
        var unknown: [STUNAttributeType] = []
        for attribute in attributes
        where attribute.type.isComprehensionRequired && !STUNAttributeType.understood.contains(attribute.type)
            && !unknown.contains(attribute.type)
        {
            unknown.append(attribute.type)
        }
        return unknown
    }

    private func text(_ type: STUNAttributeType) throws(STUNParseError) -> String? {
        guard let value = attribute(type)?.value else { return nil }
        guard let text = String(validating: value, as: UTF8.self) else { throw .invalidAttribute }
        return text
    }

    private func tieBreaker(_ type: STUNAttributeType) throws(STUNParseError) -> UInt64? {
        guard let value = attribute(type)?.value else { return nil }
        guard value.count == 8 else { throw .invalidAttribute }
        return value.uint64(at: 0)
    }
}
