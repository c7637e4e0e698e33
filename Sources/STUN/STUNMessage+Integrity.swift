/// The outcome of checking MESSAGE-INTEGRITY or FINGERPRINT against received octets.
public enum STUNIntegrityCheck: Hashable, Sendable {
    /// The attribute is not in the message.
    case absent
    case valid
    case invalid
}

extension STUNMessage {
    /// RFC 8489 §14.7: the CRC-32 is XOR-ed with 0x5354554e ("STUN").
    public static let fingerprintXOR: UInt32 = 0x5354_554E

    /// The key for long-term credentials without PASSWORD-ALGORITHM: `MD5(username ":" realm ":" password)`
    /// (RFC 8489 §9.2.2). The strings must already be processed (OpaqueString / SASLprep, RFC 8265).
    public static func longTermKey(username: String, realm: String, password: String) -> [UInt8] {
        MD5.hash(Array("\(username):\(realm):\(password)".utf8))
    }

    /// Checks MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) over the received octets: the HMAC covers
    /// everything before the attribute, with the header length adjusted to end just after it.
    /// The datagram must be one that ``init(parsing:)`` accepted.
    public static func checkMessageIntegrity(_ datagram: ArraySlice<UInt8>, key: [UInt8]) -> STUNIntegrityCheck {
        guard let offset = offset(of: .messageIntegrity, in: datagram) else { return .absent }
        guard datagram.uint16(at: offset + 2) == 20 else { return .invalid }
        let received = datagram[(offset + 4)..<(offset + 24)]
        let computed = integrityCode(
            HMAC<SHA1>.self, key: key, over: datagram[datagram.startIndex..<offset], valueLength: 20)
        return constantTimeEqual(computed, received) ? .valid : .invalid
    }

    /// Checks MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6), which may be truncated to 16–32 octets.
    public static func checkMessageIntegritySHA256(_ datagram: ArraySlice<UInt8>, key: [UInt8]) -> STUNIntegrityCheck {
        guard let offset = offset(of: .messageIntegritySHA256, in: datagram) else { return .absent }
        let length = Int(datagram.uint16(at: offset + 2))
        guard (16...32).contains(length), length % 4 == 0 else { return .invalid }
        let received = datagram[(offset + 4)..<(offset + 4 + length)]
        let computed = integrityCode(
            HMAC<SHA256>.self, key: key, over: datagram[datagram.startIndex..<offset], valueLength: length)
        return constantTimeEqual(computed.prefix(length), received) ? .valid : .invalid
    }

    /// Checks FINGERPRINT (RFC 8489 §14.7): CRC-32 of everything before it, XOR 0x5354554e.
    public static func checkFingerprint(_ datagram: ArraySlice<UInt8>) -> STUNIntegrityCheck {
        guard let offset = offset(of: .fingerprint, in: datagram) else { return .absent }
        guard Int(datagram.uint16(at: offset + 2)) == 4, offset + 8 == datagram.endIndex else { return .invalid }
        let expected = CRC32.checksum(datagram[datagram.startIndex..<offset]) ^ fingerprintXOR
        return datagram.uint32(at: offset + 4) == expected ? .valid : .invalid
    }

    /// HMAC over `prefix` (header + attributes before the integrity attribute) with the header's length
    /// field set as if the message ended after an integrity attribute of `valueLength` octets.
    static func integrityCode<Code: STUNHashFunction>(
        _ hmac: HMAC<Code>.Type, key: [UInt8], over prefix: ArraySlice<UInt8>, valueLength: Int
    ) -> [UInt8] {
        var input = Array(prefix)
        input.setUInt16(UInt16(truncatingIfNeeded: input.count - headerSize + 4 + valueLength), at: 2)
        return HMAC<Code>.authenticationCode(key: key, message: input)
    }

    /// The index of the first attribute of `type` in a well-formed message, walking the TLVs.
    static func offset(of type: STUNAttributeType, in datagram: ArraySlice<UInt8>) -> Int? {
        guard datagram.count >= headerSize else { return nil }
        var offset = datagram.startIndex + headerSize
        while datagram.endIndex - offset >= 4 {
            let length = Int(datagram.uint16(at: offset + 2))
            guard datagram.endIndex - offset - 4 >= length else { return nil }
            if datagram.uint16(at: offset) == type.rawValue { return offset }
            offset += 4 + (length + 3) & ~3
        }
        return nil
    }

    private static func constantTimeEqual(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(lhs, rhs) { difference |= a ^ b }
        return difference == 0
    }
}
