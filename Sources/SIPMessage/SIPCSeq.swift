/// The CSeq header: a sequence number and a method (RFC 3261 §20.16).
public struct SIPCSeq: Sendable, Hashable, CustomStringConvertible {
    public var sequence: UInt32
    public var method: SIPMethod

    public init(sequence: UInt32, method: SIPMethod) {
        self.sequence = sequence
        self.method = method
    }

    public init(parsing value: String) throws(SIPParseError) {
        let parts = value.trimmingSIPWhitespace().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, let number = UInt32(parts[0]), SIPGrammar.isToken(parts[1]) else {
            throw SIPParseError(.invalidHeader, "CSeq: \(value)")
        }
        self.sequence = number
        self.method = SIPMethod(String(parts[1]))
    }

    public var description: String { "\(sequence) \(method.rawValue)" }
}
