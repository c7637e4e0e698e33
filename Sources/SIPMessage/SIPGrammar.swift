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
        let bytes = s.utf8
        guard bytes.first == UInt8(ascii: "\"") else { return nil }
        var i = bytes.index(after: bytes.startIndex)
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "\\") {
                i = bytes.index(after: i)
                guard i < bytes.endIndex, bytes[i] != 13, bytes[i] != 10 else { return nil }
            } else if b == UInt8(ascii: "\"") {
                return bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        return nil
    }

    /// The content of a quoted-string with quoted-pairs resolved (`"a\"b"` → `a"b`).
    static func unquote(_ s: Substring) -> String {
        let bytes = s.utf8
        guard bytes.count >= 2 else { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.index(after: bytes.startIndex)
        let end = bytes.index(before: bytes.endIndex)
        while i < end {
            var b = bytes[i]
            if b == UInt8(ascii: "\\") {
                i = bytes.index(after: i)
                guard i < end else { break }
                b = bytes[i]
            }
            out.append(b)
            i = bytes.index(after: i)
        }
        return String(decoding: out, as: UTF8.self)
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
        split(text, atByte: separator.asciiValue ?? 0, angleBrackets: angleBrackets)
    }

    /// `split(_:at:angleBrackets:)` for an ASCII separator, scanning bytes.
    static func split(_ text: Substring, atByte separator: UInt8, angleBrackets: Bool = false) -> [Substring] {
        var parts: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var inQuotes = false
        var inAngle = false
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\\") {
                    i = bytes.index(after: i)
                    if i == bytes.endIndex { break }
                } else if b == UInt8(ascii: "\"") {
                    inQuotes = false
                }
            } else if b == UInt8(ascii: "\"") {
                inQuotes = true
            } else if angleBrackets && b == UInt8(ascii: "<") {
                inAngle = true
            } else if angleBrackets && b == UInt8(ascii: ">") {
                inAngle = false
            } else if b == separator && !inAngle {
                parts.append(text[start..<i])
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        parts.append(text[start..<bytes.endIndex])
        return parts
    }

    /// Splits at every `separator` byte (no quoting rules), keeping empty pieces; `maxSplits` as in
    /// `Collection.split`.
    static func pieces(_ text: Substring, at separator: UInt8, maxSplits: Int = .max) -> [Substring] {
        var parts: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex, parts.count < maxSplits {
            if bytes[i] == separator {
                parts.append(text[start..<i])
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        parts.append(text[start..<bytes.endIndex])
        return parts
    }

    /// The runs of `text` between SP, HTAB, CR and LF (empty runs left out).
    static func words(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        let bytes = text.utf8
        var start: Substring.Index?
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if isLineWhitespace(bytes[i]) {
                if let s = start { parts.append(text[s..<i]) }
                start = nil
            } else if start == nil {
                start = i
            }
            i = bytes.index(after: i)
        }
        if let s = start { parts.append(text[s..<bytes.endIndex]) }
        return parts
    }

    /// SP, HTAB, CR or LF.
    static func isLineWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
}

extension StringProtocol {
    /// Trims SP, HTAB, CR and LF from both ends (no Foundation needed).
    public func trimmingSIPWhitespace() -> String {
        String(trimmingSIPWhitespaceSubstring())
    }

    /// Same as `trimmingSIPWhitespace()` without copying; scans bytes, not Characters.
    func trimmingSIPWhitespaceSubstring() -> Substring {
        let whole = Substring(self)
        let bytes = whole.utf8
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower < upper, SIPGrammar.isLineWhitespace(bytes[lower]) { lower = bytes.index(after: lower) }
        while lower < upper {
            let before = bytes.index(before: upper)
            guard SIPGrammar.isLineWhitespace(bytes[before]) else { break }
            upper = before
        }
        return whole[lower..<upper]
    }
}

extension Substring {
    /// The index of the first `byte` (an ASCII character), scanning bytes.
    func firstIndex(ofASCII byte: UInt8) -> Index? {
        utf8.firstIndex(of: byte)
    }

    /// The index just after `i`, which must point at an ASCII byte.
    func indexAfterASCII(_ i: Index) -> Index {
        utf8.index(after: i)
    }

    /// Whether the first byte is `byte`.
    func startsWithASCII(_ byte: UInt8) -> Bool {
        utf8.first == byte
    }
}
