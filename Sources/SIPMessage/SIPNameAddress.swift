/// A `name-addr` or `addr-spec` with header parameters, as in From, To, Contact, Route and
/// Record-Route (RFC 3261 §20.10, §20.20, §20.39).
///
/// Without angle brackets, parameters after the URI belong to the header, not the URI (§20.10).
public struct SIPNameAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name without its quotes and with `\"` escapes resolved.
    public var displayName: String?
    public var uri: SIPURI
    public var parameters: SIPParameters

    public init(displayName: String? = nil, uri: SIPURI, parameters: SIPParameters = SIPParameters()) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    public var tag: String? {
        get { parameters["tag"] ?? nil }
        set {
            if let newValue { parameters.set("tag", newValue) } else { parameters.remove("tag") }
        }
    }

    /// Contact `expires` parameter (RFC 3261 §10.2.1.1).
    public var expires: Int? { (parameters["expires"] ?? nil).flatMap { SIPGrammar.decimal($0, max: Int(UInt32.max)) } }

    public var description: String {
        var out = ""
        if let displayName, !displayName.isEmpty {
            out += "\"" + SIPNameAddress.quotedPairs(displayName) + "\" "
        }
        out += "<\(uri.description)>"
        return out + parameters.serialized
    }

    /// Escapes `"` and `\` (and control characters, which qdtext cannot hold) as quoted-pairs; CR and LF,
    /// which cannot appear even escaped, become spaces.
    static func quotedPairs(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0D, 0x0A: out.append(" ")
            case 0x22, 0x5C, 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
                out.append("\\")
                out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Parses `name-addr` or `addr-spec` followed by header parameters (RFC 3261 §20.10):
    /// `"quoted name" <uri>;p=v`, `token display name <uri>`, `<uri>` or `sip:addr;p=v`.
    ///
    /// An unterminated quoted string, a display name of non-tokens, whitespace inside `<…>` and an
    /// addr-spec holding `?` or `,` are errors (RFC 4475 §3.1.2.6, .13, .14, .15).
    public init(parsing text: String) throws(SIPParseError) {
        try self.init(parsing: Substring(text))
    }

    init(parsing text: Substring) throws(SIPParseError) {
        let s = text.trimmingSIPWhitespaceSubstring()
        guard !s.isEmpty else { throw SIPParseError(.invalidHeader, "empty address") }
        var rest = s
        var displayName: String?
        if s.startsWithASCII(UInt8(ascii: "\"")) {
            guard let end = SIPGrammar.endOfQuotedString(s) else {
                throw SIPParseError(.invalidHeader, "unterminated quoted string in '\(text)'")
            }
            displayName = SIPGrammar.unquote(s[..<end])
            rest = s[end...].trimmingSIPWhitespaceSubstring()
            guard rest.startsWithASCII(UInt8(ascii: "<")) else { throw SIPParseError(.invalidHeader, "display name without <uri>: \(text)") }
        } else if let open = s.firstIndex(ofASCII: UInt8(ascii: "<")) {
            let words = SIPGrammar.words(s[..<open])
            guard words.allSatisfy({ SIPGrammar.isToken($0) }) else {
                throw SIPParseError(.invalidHeader, "display name is not a token list: \(text)")
            }
            if !words.isEmpty { displayName = words.joined(separator: " ") }
            rest = s[open...]
        }
        if rest.startsWithASCII(UInt8(ascii: "<")) {
            guard let close = rest.firstIndex(ofASCII: UInt8(ascii: ">")) else {
                throw SIPParseError(.invalidHeader, "unclosed < in \(text)")
            }
            self.uri = try SIPURI(parsing: rest[rest.indexAfterASCII(rest.startIndex)..<close])
            self.parameters = try SIPParameters(afterValue: rest[rest.indexAfterASCII(close)...])
        } else {
            // addr-spec: header params start at the first ';' (they belong to the header, §20.10).
            let semi = rest.firstIndex(ofASCII: UInt8(ascii: ";")) ?? rest.endIndex
            let uriText = rest[..<semi].trimmingSIPWhitespaceSubstring()
            if uriText.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: ",") }) {
                throw SIPParseError(.invalidHeader, "addr-spec with reserved characters needs <>: \(text)")
            }
            self.uri = try SIPURI(parsing: uriText)
            self.parameters = try SIPParameters(afterValue: rest[semi...])
        }
        self.displayName = displayName
    }
}

