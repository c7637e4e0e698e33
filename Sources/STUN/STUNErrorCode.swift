/// ERROR-CODE (RFC 8489 §14.8): a class (3–6) and number (0–99) with a UTF-8 reason phrase.
///
/// ```
/// |           Reserved, should be 0         |Class|     Number    |
/// |      Reason Phrase (variable)                                ..
/// ```
public struct STUNErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// 300–699.
    public var code: Int
    public var reason: String

    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// 400 Bad Request (RFC 8489 §15): malformed, or missing USERNAME / MESSAGE-INTEGRITY (§9.1.3).
    public static let badRequest = STUNErrorCode(code: 400, reason: "Bad Request")
    /// 401 Unauthorized (RFC 8489 §15): wrong USERNAME or MESSAGE-INTEGRITY (§9.1.3).
    public static let unauthorized = STUNErrorCode(code: 401, reason: "Unauthorized")
    /// 420 Unknown Attribute (RFC 8489 §15), with UNKNOWN-ATTRIBUTES.
    public static let unknownAttribute = STUNErrorCode(code: 420, reason: "Unknown Attribute")
    /// 487 Role Conflict (RFC 8445 §7.3.1.1).
    public static let roleConflict = STUNErrorCode(code: 487, reason: "Role Conflict")

    /// RFC 8489 §14.8: the reason phrase is fewer than 128 characters (at most 763 octets).
    static let maximumReasonOctets = 763

    init(decoding value: [UInt8]) throws(STUNParseError) {
        guard value.count >= 4, value.count - 4 <= Self.maximumReasonOctets else { throw .invalidAttribute }
        let errorClass = Int(value[2] & 0x07)
        let number = Int(value[3])
        guard (3...6).contains(errorClass), number < 100 else { throw .invalidAttribute }
        guard let reason = String(validating: value[4...], as: UTF8.self) else { throw .invalidAttribute }
        self.init(code: errorClass * 100 + number, reason: reason)
    }

    func encoded() -> [UInt8] {
        let clamped = min(max(code, 300), 699)
        var value: [UInt8] = [0, 0, UInt8(clamped / 100), UInt8(clamped % 100)]
        value.append(contentsOf: reason.utf8.prefix(Self.maximumReasonOctets))
        return value
    }

    public var description: String { "\(code) \(reason)" }
}
