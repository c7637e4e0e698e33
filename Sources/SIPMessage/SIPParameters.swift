/// An ordered list of `;name[=value]` parameters (URI parameters, header parameters). Names compare
/// case-insensitively; values are kept as written (quoted values keep their quotes, `%` escapes stay).
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
        guard let p = items.first(where: { SIPParameters.namesMatch($0.name, name) }) else { return nil }
        return .some(p.value)
    }

    public func contains(_ name: String) -> Bool {
        items.contains { SIPParameters.namesMatch($0.name, name) }
    }

    /// Sets (replacing) a parameter, keeping its position when it exists.
    public mutating func set(_ name: String, _ value: String?) {
        if let index = items.firstIndex(where: { SIPParameters.namesMatch($0.name, name) }) {
            items[index].value = value
        } else {
            items.append(Parameter(name: name, value: value))
        }
    }

    public mutating func remove(_ name: String) {
        items.removeAll { SIPParameters.namesMatch($0.name, name) }
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

    /// Parses header parameters (RFC 3261 §25.1 `*( SEMI generic-param )`): `;a=b ; c = "d;e"` (the
    /// leading `;` may be left out here).
    ///
    /// LWS is allowed around `;` and `=`. Names must be tokens; values must be a token, a host (IPv6
    /// references included) or a complete quoted-string. Empty parameters (`;;`) are errors.
    public init(parsing text: Substring) throws(SIPParseError) {
        let trimmed = text.trimmingSIPWhitespaceSubstring()
        try self.init(afterValue: trimmed.startsWithASCII(UInt8(ascii: ";")) || trimmed.isEmpty ? trimmed : ";" + trimmed)
    }

    /// Header parameters that follow a value (after `>` or a sent-by): empty, or starting with `;`.
    /// Anything else there is junk and an error.
    init(afterValue text: Substring) throws(SIPParseError) {
        let trimmed = text.trimmingSIPWhitespaceSubstring()
        guard !trimmed.isEmpty else { return }
        guard trimmed.startsWithASCII(UInt8(ascii: ";")) else {
            throw SIPParseError(.invalidHeader, "expected ';' before parameters: \(text)")
        }
        var items: [Parameter] = []
        for raw in SIPGrammar.split(trimmed[trimmed.indexAfterASCII(trimmed.startIndex)...], atByte: UInt8(ascii: ";")) {
            items.append(try SIPParameters.headerParameter(raw))
        }
        self.items = items
    }

    static func headerParameter(_ raw: Substring) throws(SIPParseError) -> Parameter {
        let piece = raw.trimmingSIPWhitespaceSubstring()
        guard !piece.isEmpty else { throw SIPParseError(.invalidHeader, "empty parameter") }
        guard let eq = piece.firstIndex(ofASCII: UInt8(ascii: "=")) else {
            guard SIPGrammar.isToken(piece) else { throw SIPParseError(.invalidHeader, "bad parameter name '\(piece)'") }
            return Parameter(name: String(piece), value: nil)
        }
        let name = piece[..<eq].trimmingSIPWhitespaceSubstring()
        let value = piece[piece.indexAfterASCII(eq)...].trimmingSIPWhitespaceSubstring()
        guard SIPGrammar.isToken(name) else { throw SIPParseError(.invalidHeader, "bad parameter name '\(name)'") }
        guard isGenericValue(value) else { throw SIPParseError(.invalidHeader, "bad value for parameter \(name)") }
        return Parameter(name: String(name), value: String(value))
    }

    /// gen-value = token / host / quoted-string, plus the bare IPv6address that RFC 3261 §20.42 gives
    /// `received` (RFC 5118 §4.5 shows both the bare and the bracketed form in use).
    static func isGenericValue(_ value: Substring) -> Bool {
        if value.startsWithASCII(UInt8(ascii: "\"")) { return SIPGrammar.endOfQuotedString(value) == value.endIndex }
        return SIPGrammar.isToken(value) || SIPGrammar.isHost(value) || isBareIPv6(value)
    }

    /// What `SIPGrammar.isHost("[" + value + "]")` says, without building the string.
    private static func isBareIPv6(_ value: Substring) -> Bool {
        let bytes = value.utf8
        return bytes.count > 1 && bytes.contains(UInt8(ascii: ":"))
            && bytes.allSatisfy { SIPGrammar.isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
    }

    /// Parses URI parameters (RFC 3261 §19.1.1 `uri-parameters`): no LWS, `paramchar` only, `%` escapes
    /// checked and kept as written. `text` starts after the first `;`.
    static func uriParameters(_ text: Substring) throws(SIPParseError) -> SIPParameters {
        var items: [Parameter] = []
        for piece in SIPGrammar.pieces(text, at: UInt8(ascii: ";")) {
            // paramchar = param-unreserved / unreserved / escaped; param-unreserved = [ ] / : & + $
            let (name, value): (Substring, Substring?)
            if let eq = piece.firstIndex(ofASCII: UInt8(ascii: "=")) {
                (name, value) = (piece[..<eq], piece[piece.indexAfterASCII(eq)...])
            } else {
                (name, value) = (piece, nil)
            }
            guard !name.isEmpty, SIPGrammar.isEscapedText(name, extra: "[]/:&+$") else {
                throw SIPParseError(.invalidURI, "bad URI parameter '\(piece)'")
            }
            if let value {
                guard !value.isEmpty, SIPGrammar.isEscapedText(value, extra: "[]/:&+$") else {
                    throw SIPParseError(.invalidURI, "bad URI parameter value '\(piece)'")
                }
            }
            items.append(Parameter(name: String(name), value: value.map(String.init)))
        }
        return SIPParameters(items)
    }

    /// ASCII case-insensitive comparison without allocating.
    static func namesMatch<A: StringProtocol, B: StringProtocol>(_ a: A, _ b: B) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return a.utf8.elementsEqual(b.utf8) { x, y in x == y || asciiLower(x) == asciiLower(y) }
    }

    static func asciiLower(_ b: UInt8) -> UInt8 {
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) ? b + 32 : b
    }

    /// Splits at `separator` outside quoted strings (kept for callers of the previous API).
    static func splitOutsideQuotes(_ text: Substring, separator: Character) -> [Substring] {
        SIPGrammar.split(text, at: separator)
    }
}
