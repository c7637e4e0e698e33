/// The CSeq header: a sequence number and a method (RFC 3261 §20.16).
public struct SIPCSeq: Sendable, Hashable, CustomStringConvertible {
    public var sequence: UInt32
    public var method: SIPMethod

    public init(sequence: UInt32, method: SIPMethod) {
        self.sequence = sequence
        self.method = method
    }

    /// `CSeq = 1*DIGIT LWS Method`; the number must fit 32 bits (RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.4).
    public init(parsing value: String) throws(SIPParseError) {
        let parts = SIPGrammar.words(Substring(value))
        guard parts.count == 2, let number = SIPGrammar.decimal(parts[0], max: Int(UInt32.max)),
            SIPGrammar.isToken(parts[1])
        else {
            throw SIPParseError(.invalidHeader, "CSeq: \(value)")
        }
        self.sequence = UInt32(number)
        self.method = SIPMethod(String(parts[1]))
    }

    public var description: String { "\(sequence) \(method.rawValue)" }
}
