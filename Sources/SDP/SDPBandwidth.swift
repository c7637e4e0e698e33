/// The `b=` line (RFC 8866 §5.8): `b=<bwtype>:<bandwidth>` (kilobits per second for `AS`/`CT`).
public struct SDPBandwidth: Hashable, Sendable {
    public var type: String
    public var value: UInt64

    public init(type: String, value: UInt64) {
        self.type = type
        self.value = value
    }

    init?(parsing text: Substring) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex,
              let value = UInt64(text[text.index(after: colon)...]) else { return nil }
        self.init(type: String(text[..<colon]), value: value)
    }

    func serialize() -> String { "\(type):\(value)" }
}
