/// The STUN message class: the C1/C0 bits of the message type (RFC 8489 §5).
public enum STUNMessageClass: UInt16, Hashable, Sendable {
    case request = 0b00
    case indication = 0b01
    case successResponse = 0b10
    case errorResponse = 0b11
}

/// A STUN method: the 12 M bits of the message type (RFC 8489 §5, §18.2). Only Binding is used by ICE;
/// other methods (TURN's Allocate …) parse and serialize unchanged.
public struct STUNMethod: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue & 0x0FFF }

    /// Binding (RFC 8489 §18.2), 0x001.
    public static let binding = STUNMethod(rawValue: 0x001)
}

/// The 14-bit message type: method and class interleaved (RFC 8489 §5, Figure 3).
///
/// ```
///  0                 1
///  2  3  4 5 6 7 8 9 0 1 2 3 4 5
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
/// |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public struct STUNMessageType: Hashable, Sendable, CustomStringConvertible {
    public var method: STUNMethod
    public var messageClass: STUNMessageClass

    public init(method: STUNMethod, messageClass: STUNMessageClass) {
        self.method = method
        self.messageClass = messageClass
    }

    /// Decodes the 14 low bits of the first header word (the two leading zero bits are checked by the parser).
    public init(rawValue: UInt16) {
        let m = rawValue & 0x000F | (rawValue & 0x00E0) >> 1 | (rawValue & 0x3E00) >> 2
        let c = (rawValue & 0x0010) >> 4 | (rawValue & 0x0100) >> 7
        self.init(method: STUNMethod(rawValue: m), messageClass: STUNMessageClass(rawValue: c)!)
    }

    public var rawValue: UInt16 {
        let m = method.rawValue
        let c = messageClass.rawValue
        return m & 0x000F | (m & 0x0070) << 1 | (m & 0x0F80) << 2 | (c & 0b01) << 4 | (c & 0b10) << 7
    }

    public static let bindingRequest = STUNMessageType(method: .binding, messageClass: .request)
    public static let bindingIndication = STUNMessageType(method: .binding, messageClass: .indication)
    public static let bindingSuccessResponse = STUNMessageType(method: .binding, messageClass: .successResponse)
    public static let bindingErrorResponse = STUNMessageType(method: .binding, messageClass: .errorResponse)

    public var description: String { "method 0x\(String(method.rawValue, radix: 16)) \(messageClass)" }
}
