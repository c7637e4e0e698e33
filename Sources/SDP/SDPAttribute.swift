/// An `a=` line (RFC 8866 §5.13): either a property attribute `a=<name>` or a value attribute
/// `a=<name>:<value>`. Attributes this target does not interpret (ICE, DTLS, `ssrc`, `mid`, …)
/// are kept verbatim so that they round-trip.
public struct SDPAttribute: Hashable, Sendable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }

    init?(parsing text: Substring) {
        guard !text.isEmpty else { return nil }
        if let colon = text.firstIndex(of: ":") {
            guard colon != text.startIndex else { return nil }
            self.init(String(text[..<colon]), String(text[text.index(after: colon)...]))
        } else {
            self.init(String(text))
        }
    }

    func serialize() -> String {
        guard let value else { return name }
        return "\(name):\(value)"
    }
}
