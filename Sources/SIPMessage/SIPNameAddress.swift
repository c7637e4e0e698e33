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
    public var expires: Int? { (parameters["expires"] ?? nil).flatMap { Int($0) } }

    public var description: String {
        var out = ""
        if let displayName, !displayName.isEmpty {
            let escaped = displayName.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
            out += "\"\(escaped)\" "
        }
        out += "<\(uri.description)>"
        return out + parameters.serialized
    }

    public init(parsing text: String) throws(SIPParseError) {
        let s = Substring(text.trimmingSIPWhitespace())
        guard !s.isEmpty else { throw SIPParseError(.invalidHeader, "empty address") }
        var displayName: String?
        var rest = s
        if rest.hasPrefix("\"") {
            let (name, after) = try SIPNameAddress.readQuoted(rest)
            displayName = name
            rest = after
        }
        if let open = rest.firstIndex(of: "<") {
            if displayName == nil {
                let token = rest[..<open].trimmingSIPWhitespace()
                displayName = token.isEmpty ? nil : token
            }
            guard let close = rest[open...].firstIndex(of: ">") else {
                throw SIPParseError(.invalidHeader, "unclosed < in \(text)")
            }
            self.uri = try SIPURI(parsing: String(rest[rest.index(after: open)..<close]))
            self.parameters = try SIPParameters(parsing: rest[rest.index(after: close)...])
        } else {
            guard displayName == nil else { throw SIPParseError(.invalidHeader, "display name without <uri>: \(text)") }
            // addr-spec: header params start at the first ';' (they belong to the header, §20.10).
            let semi = rest.firstIndex(of: ";") ?? rest.endIndex
            let uriText = rest[..<semi]
            if uriText.contains("?") || uriText.contains(",") {
                throw SIPParseError(.invalidHeader, "addr-spec with reserved characters needs <>: \(text)")
            }
            self.uri = try SIPURI(parsing: String(uriText))
            self.parameters = try SIPParameters(parsing: rest[semi...])
        }
        self.displayName = displayName
    }

    /// Reads a quoted-string at the start of `text`; returns the unescaped content and the remainder.
    static func readQuoted(_ text: Substring) throws(SIPParseError) -> (String, Substring) {
        var value = ""
        var i = text.index(after: text.startIndex)
        var escaped = false
        while i < text.endIndex {
            let ch = text[i]
            if escaped {
                value.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "\"" {
                return (value, text[text.index(after: i)...])
            } else {
                value.append(ch)
            }
            i = text.index(after: i)
        }
        throw SIPParseError(.invalidHeader, "unterminated quoted string")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard !target.isEmpty, count >= target.count else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) {
                return i..<index(i, offsetBy: target.count)
            }
            i = index(after: i)
        }
        return nil
    }
}
