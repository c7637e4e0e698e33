/// A STUN message (RFC 8489 §5): a 20-octet header and a list of attributes.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Magic Cookie                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// |                     Transaction ID (96 bits)                  |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// Parsing keeps every attribute in wire order, unknown ones included, except those RFC 8489 §14.5/§14.6
/// says to ignore (anything after MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256 and FINGERPRINT).
/// MESSAGE-INTEGRITY and FINGERPRINT are checked against the received octets with
/// ``checkMessageIntegrity(_:key:)`` and ``checkFingerprint(_:)``, and computed by
/// ``serialize(messageIntegrityKey:messageIntegritySHA256Key:fingerprint:paddingOctet:)``.
public struct STUNMessage: Hashable, Sendable {
    /// RFC 8489 §5.
    public static let magicCookie: UInt32 = 0x2112_A442
    /// The header size (RFC 8489 §5).
    public static let headerSize = 20
    /// A bound on the work one datagram can cause; real ICE checks carry fewer than ten.
    public static let maximumAttributeCount = 64
    /// RFC 8489 §14.3 keeps USERNAME under 509 octets; RFC 5389 allowed up to 512. We accept 512.
    public static let maximumUsernameOctets = 512

    public var type: STUNMessageType
    public var transactionID: STUNTransactionID
    public var attributes: [STUNAttribute]

    public init(type: STUNMessageType, transactionID: STUNTransactionID, attributes: [STUNAttribute] = []) {
        self.type = type
        self.transactionID = transactionID
        self.attributes = attributes
    }

    /// Whether a datagram looks like STUN: at least a header, leading bits zero and the magic cookie
    /// (RFC 8489 §5, RFC 7983 §7). Cheap enough for demultiplexing.
    public static func isSTUN(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count >= headerSize && bytes[bytes.startIndex] & 0xC0 == 0
            && bytes.uint32(at: bytes.startIndex + 4) == magicCookie
    }

    /// Parses one message; the datagram must hold exactly one (RFC 8489 §6.2.1: STUN over UDP).
    public init(parsing bytes: ArraySlice<UInt8>) throws(STUNParseError) {
        guard bytes.count >= Self.headerSize else { throw .truncated }
        guard Self.isSTUN(bytes) else { throw .notSTUN }
        let base = bytes.startIndex
        let length = Int(bytes.uint16(at: base + 2))
        guard length % 4 == 0, length == bytes.count - Self.headerSize else { throw .invalidLength }
        var attributes: [STUNAttribute] = []
        var offset = base + Self.headerSize
        var seenIntegrity = false
        var seenFingerprint = false
        while offset < bytes.endIndex {
            guard bytes.endIndex - offset >= 4 else { throw .truncated }
            let type = STUNAttributeType(rawValue: bytes.uint16(at: offset))
            let valueLength = Int(bytes.uint16(at: offset + 2))
            guard bytes.endIndex - offset - 4 >= (valueLength + 3) & ~3 else { throw .truncated }
            guard !seenFingerprint else { throw .attributeAfterFingerprint }
            guard attributes.count < Self.maximumAttributeCount else { throw .tooManyAttributes }
            let attribute = STUNAttribute(type: type, value: bytes[(offset + 4)..<(offset + 4 + valueLength)])
            try Self.validate(attribute)
            // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY are ignored, bar MI-SHA256 and FINGERPRINT.
            if !seenIntegrity || type == .messageIntegritySHA256 || type == .fingerprint {
                attributes.append(attribute)
            }
            if type == .messageIntegrity || type == .messageIntegritySHA256 { seenIntegrity = true }
            if type == .fingerprint { seenFingerprint = true }
            offset += 4 + (valueLength + 3) & ~3
        }
        self.init(
            type: STUNMessageType(rawValue: bytes.uint16(at: base)),
            transactionID: STUNTransactionID(unchecked: Array(bytes[(base + 8)..<(base + 20)])),
            attributes: attributes)
    }

    /// Parses one message from a datagram.
    public init(parsing bytes: [UInt8]) throws(STUNParseError) {
        try self.init(parsing: bytes[...])
    }

    /// Fixed-size attributes must have their size (RFC 8489 §14, RFC 8445 §16.1).
    private static func validate(_ attribute: STUNAttribute) throws(STUNParseError) {
        let count = attribute.value.count
        let valid: Bool
        switch attribute.type {
        case .priority, .fingerprint: valid = count == 4
        case .useCandidate: valid = count == 0
        case .iceControlled, .iceControlling: valid = count == 8
        case .messageIntegrity: valid = count == 20
        case .messageIntegritySHA256: valid = count >= 16 && count <= 32 && count % 4 == 0
        case .username: valid = count <= maximumUsernameOctets
        case .software, .realm, .nonce: valid = count <= 763
        default: valid = true
        }
        guard valid else { throw .invalidAttribute }
    }

    /// Appends the wire form.
    ///
    /// - Parameters:
    ///   - messageIntegrityKey: when set, MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) is computed and
    ///     appended, replacing any in ``attributes``. For short-term credentials (ICE) the key is the
    ///     password's UTF-8 octets (§9.1.1); for long-term ones see ``longTermKey(username:realm:password:)``.
    ///   - messageIntegritySHA256Key: the same for MESSAGE-INTEGRITY-SHA256 (§14.6, full 32 octets).
    ///   - fingerprint: append FINGERPRINT (§14.7), replacing any in ``attributes``.
    ///   - paddingOctet: the value of padding octets; RFC 8489 §14 lets senders choose any value
    ///     (RFC 5769's vectors use 0x20).
    public func serialize(
        into buffer: inout [UInt8], messageIntegrityKey: [UInt8]? = nil, messageIntegritySHA256Key: [UInt8]? = nil,
        fingerprint: Bool = false, paddingOctet: UInt8 = 0
    ) {
        let start = buffer.count
        buffer.appendUInt16(type.rawValue & 0x3FFF)
        buffer.appendUInt16(0)
        buffer.appendUInt32(Self.magicCookie)
        buffer.append(contentsOf: transactionID.octets)
        for attribute in attributes {
            if messageIntegrityKey != nil && attribute.type == .messageIntegrity { continue }
            if messageIntegritySHA256Key != nil && attribute.type == .messageIntegritySHA256 { continue }
            if fingerprint && attribute.type == .fingerprint { continue }
            Self.append(attribute, to: &buffer, paddingOctet: paddingOctet)
        }
        if let messageIntegrityKey {
            let code = Self.integrityCode(
                HMAC<SHA1>.self, key: messageIntegrityKey, over: buffer[start...], valueLength: 20)
            Self.append(STUNAttribute(type: .messageIntegrity, value: code), to: &buffer, paddingOctet: paddingOctet)
        }
        if let messageIntegritySHA256Key {
            let code = Self.integrityCode(
                HMAC<SHA256>.self, key: messageIntegritySHA256Key, over: buffer[start...], valueLength: 32)
            let attribute = STUNAttribute(type: .messageIntegritySHA256, value: code)
            Self.append(attribute, to: &buffer, paddingOctet: paddingOctet)
        }
        if fingerprint {
            buffer.setUInt16(UInt16(truncatingIfNeeded: buffer.count - start - Self.headerSize + 8), at: start + 2)
            var value: [UInt8] = []
            value.appendUInt32(CRC32.checksum(buffer[start...]) ^ Self.fingerprintXOR)
            Self.append(STUNAttribute(type: .fingerprint, value: value), to: &buffer, paddingOctet: paddingOctet)
        }
        buffer.setUInt16(UInt16(truncatingIfNeeded: buffer.count - start - Self.headerSize), at: start + 2)
    }

    /// The wire form as a new array; see
    /// ``serialize(into:messageIntegrityKey:messageIntegritySHA256Key:fingerprint:paddingOctet:)``.
    public func serialize(
        messageIntegrityKey: [UInt8]? = nil, messageIntegritySHA256Key: [UInt8]? = nil, fingerprint: Bool = false,
        paddingOctet: UInt8 = 0
    ) -> [UInt8] {
        var buffer: [UInt8] = []
        serialize(
            into: &buffer, messageIntegrityKey: messageIntegrityKey,
            messageIntegritySHA256Key: messageIntegritySHA256Key, fingerprint: fingerprint, paddingOctet: paddingOctet)
        return buffer
    }

    private static func append(_ attribute: STUNAttribute, to buffer: inout [UInt8], paddingOctet: UInt8) {
        let value = attribute.value.prefix(0xFFFF)
        buffer.appendUInt16(attribute.type.rawValue)
        buffer.appendUInt16(UInt16(value.count))
        buffer.append(contentsOf: value)
        buffer.append(contentsOf: repeatElement(paddingOctet, count: (4 - value.count % 4) % 4))
    }
}
