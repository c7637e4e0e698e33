/// Character classes and small scanners of the RFC 3261 §25.1 ABNF. Everything here works on UTF-8
/// bytes and never traps on peer data.
enum SIPGrammar {
    /// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    static func isTokenByte(_ b: UInt8) -> Bool {
        if isAlphaNum(b) { return true }
        switch b {
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

    static func isAlphaNum(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
    }

    /// SP or HTAB (the WSP of LWS; CRLF has been unfolded away before values are looked at).
    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
    static func isUnreserved(_ b: UInt8) -> Bool {
        if isAlphaNum(b) { return true }
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"),
            UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    /// True when every byte is `unreserved`, one of `extra`, or part of a valid `escaped` (`%` HEX HEX).
    /// `%` escapes are checked, never decoded: URIs keep them as written.
    static func isEscapedText<S: StringProtocol>(_ s: S, extra: StaticString) -> Bool {
        var pendingHex = 0
        for b in s.utf8 {
            if pendingHex > 0 {
                guard isHexDigit(b) else { return false }
                pendingHex -= 1
            } else if b == UInt8(ascii: "%") {
                pendingHex = 2
            } else if !isUnreserved(b) && !contains(extra, b) {
                return false
            }
        }
        return pendingHex == 0
    }

    private static func contains(_ set: StaticString, _ b: UInt8) -> Bool {
        set.withUTF8Buffer { $0.contains(b) }
    }

    /// `1*DIGIT` as a non-negative integer no larger than `max`; `nil` for anything else (signs,
    /// spaces, empty, or a value past `max`). Never overflows, whatever the number of digits.
    static func decimal<S: StringProtocol>(_ s: S, max: Int) -> Int? {
        var value = 0
        var sawDigit = false
        for b in s.utf8 {
            guard isDigit(b) else { return nil }
            sawDigit = true
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(b - UInt8(ascii: "0")))
            guard !o1, !o2, sum <= max else { return nil }
            value = sum
        }
        return sawDigit ? value : nil
    }

    /// If `s` starts with a quoted-string (RFC 3261 §25.1), returns the index just past its closing quote.
    /// Quoted-pairs (`\` + any octet but CR/LF) are skipped; an unterminated string returns `nil`.
    static func endOfQuotedString(_ s: Substring) -> Substring.Index? {
        guard s.first == "\"" else { return nil }
        var i = s.index(after: s.startIndex)
        while i < s.endIndex {
            let ch = s[i]
            if ch == "\\" {
                i = s.index(after: i)
                guard i < s.endIndex, s[i] != "\r", s[i] != "\n" else { return nil }
            } else if ch == "\"" {
                return s.index(after: i)
            }
            i = s.index(after: i)
        }
        return nil
    }

    /// The content of a quoted-string with quoted-pairs resolved (`"a\"b"` → `a"b`).
    static func unquote(_ s: Substring) -> String {
        var out = ""
        var i = s.index(after: s.startIndex)
        let end = s.index(before: s.endIndex)
        while i < end {
            var ch = s[i]
            if ch == "\\" {
                i = s.index(after: i)
                guard i < end else { break }
                ch = s[i]
            }
            out.append(ch)
            i = s.index(after: i)
        }
        return out
    }

    /// `host = hostname / IPv4address / IPv6reference`. Hostnames are checked for their character set
    /// (alphanumerics, `-`, `.`, and `_` as seen in the wild); IPv6 references for hex digits, `:` and `.`.
    static func isHost<S: StringProtocol>(_ s: S) -> Bool {
        let bytes = s.utf8
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "[") {
            guard bytes.count > 3, bytes.reversed().first == UInt8(ascii: "]") else { return false }
            let inner = bytes.dropFirst().dropLast()
            return inner.contains(UInt8(ascii: ":"))
                && inner.allSatisfy { isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
        }
        return bytes.allSatisfy { isAlphaNum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }
    }

    /// Splits at `separator` outside quoted strings (and, when `angleBrackets`, outside `<…>`), keeping
    /// empty pieces so that callers can reject `;;` or `,,`.
    static func split(_ text: Substring, at separator: Character, angleBrackets: Bool = false) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var inQuotes = false
        var inAngle = false
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if inQuotes {
                if ch == "\\" {
                    i = text.index(after: i)
                    if i == text.endIndex { break }
                } else if ch == "\"" {
                    inQuotes = false
                }
            } else if ch == "\"" {
                inQuotes = true
            } else if angleBrackets && ch == "<" {
                inAngle = true
            } else if angleBrackets && ch == ">" {
                inAngle = false
            } else if ch == separator && !inAngle {
                parts.append(text[start..<i])
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        parts.append(text[start..<text.endIndex])
        return parts
    }
}

extension StringProtocol {
    /// Trims SP, HTAB, CR and LF from both ends (no Foundation needed).
    public func trimmingSIPWhitespace() -> String {
        String(trimmingSIPWhitespaceSubstring())
    }

    /// Same as `trimmingSIPWhitespace()` without copying.
    func trimmingSIPWhitespaceSubstring() -> Substring {
        let isWS: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isWS($0) }), let end = lastIndex(where: { !isWS($0) }) else {
            return Substring("")
        }
        return Substring(self[start...end])
    }
}
