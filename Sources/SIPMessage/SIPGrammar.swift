/// Character classes of the RFC 3261 §25.1 ABNF.
enum SIPGrammar {
    /// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "*"),
            UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func isToken<S: StringProtocol>(_ s: S) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy(isTokenByte)
    }
}

/// An ordered list of `;name[=value]` parameters (URI parameters, header parameters). Names compare
/// case-insensitively; values are kept as written (quoted values keep their quotes).
public struct SIPParameters: Sendable, Hashable, Sequence {
    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var value: String?

        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var items: [Parameter] = []

    public init() {}

    public init(_ items: [Parameter]) { self.items = items }

    public var isEmpty: Bool { items.isEmpty }

    public func makeIterator() -> IndexingIterator<[Parameter]> { items.makeIterator() }

    /// `nil` when absent; `.some(nil)` when present without a value (e.g. `;lr`, `;rport`).
    public subscript(name: String) -> String?? {
        get {
            let key = name.lowercased()
            guard let p = items.first(where: { $0.name.lowercased() == key }) else { return nil }
            return .some(p.value)
        }
    }

    public func contains(_ name: String) -> Bool {
        let key = name.lowercased()
        return items.contains { $0.name.lowercased() == key }
    }

    /// Sets (replacing) a parameter, keeping its position when it exists.
    public mutating func set(_ name: String, _ value: String?) {
        let key = name.lowercased()
        if let index = items.firstIndex(where: { $0.name.lowercased() == key }) {
            items[index].value = value
        } else {
            items.append(Parameter(name: name, value: value))
        }
    }

    public mutating func remove(_ name: String) {
        let key = name.lowercased()
        items.removeAll { $0.name.lowercased() == key }
    }

    /// `;a=b;c` form.
    public var serialized: String {
        var out = ""
        for p in items {
            out += ";" + p.name
            if let v = p.value { out += "=" + v }
        }
        return out
    }

    /// Parses `;a=b;c=d` (leading `;` optional) with quoted-string values that may contain `;`.
    public init(parsing text: Substring) throws(SIPParseError) {
        var items: [Parameter] = []
        for raw in SIPParameters.splitOutsideQuotes(text, separator: ";") {
            let piece = raw.trimmingSIPWhitespace()
            if piece.isEmpty { continue }
            if let eq = piece.firstIndex(of: "=") {
                let name = String(piece[..<eq]).trimmingSIPWhitespace()
                let value = String(piece[piece.index(after: eq)...]).trimmingSIPWhitespace()
                guard !name.isEmpty else { throw SIPParseError(.invalidHeader, "empty parameter name") }
                items.append(Parameter(name: name, value: value))
            } else {
                items.append(Parameter(name: piece, value: nil))
            }
        }
        self.items = items
    }

    static func splitOutsideQuotes(_ text: Substring, separator: Character) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var inQuotes = false
        var escaped = false
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if escaped {
                escaped = false
            } else if ch == "\\" && inQuotes {
                escaped = true
            } else if ch == "\"" {
                inQuotes.toggle()
            } else if ch == separator && !inQuotes {
                parts.append(text[start..<i])
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        parts.append(text[start..<text.endIndex])
        return parts
    }
}
