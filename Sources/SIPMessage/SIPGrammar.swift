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

    /// `isToken` over the contiguous bytes of a substring.
    static func isToken(_ s: Substring) -> Bool {
        !s.isEmpty && s.withBytes { $0.allSatisfy(isTokenByte) }
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
        Substring(s).withBytes { isEscapedText(bytes: $0, extra: extra) }
    }

    private static func isEscapedText(bytes: UnsafeBufferPointer<UInt8>, extra: StaticString) -> Bool {
        var pendingHex = 0
        for b in bytes {
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
        if !bytes.contains(UInt8(ascii: "\\")) {
            return String(s[bytes.index(after: bytes.startIndex)..<bytes.index(before: bytes.endIndex)])
        }
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
        Substring(s).withBytes { isHost(bytes: $0) }
    }

    private static func isHost(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "[") {
            guard bytes.count > 3, bytes[bytes.count - 1] == UInt8(ascii: "]") else { return false }
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
        let cuts = text.withBytes { bytes in
            var cuts: [Int] = []
            var inQuotes = false
            var inAngle = false
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if inQuotes {
                    if b == UInt8(ascii: "\\") {
                        i += 1
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
                    cuts.append(i)
                }
                i += 1
            }
            return cuts
        }
        return text.cut(at: cuts)
    }

    /// Splits at every `separator` byte (no quoting rules), keeping empty pieces; `maxSplits` as in
    /// `Collection.split`.
    static func pieces(_ text: Substring, at separator: UInt8, maxSplits: Int = .max) -> [Substring] {
        let cuts = text.withBytes { bytes in
            var cuts: [Int] = []
            for i in 0..<bytes.count where bytes[i] == separator {
                guard cuts.count < maxSplits else { break }
                cuts.append(i)
            }
            return cuts
        }
        return text.cut(at: cuts)
    }

    /// The runs of `text` between SP, HTAB, CR and LF (empty runs left out).
    static func words(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        for piece in text.cut(at: text.withBytes { bytes in (0..<bytes.count).filter { isLineWhitespace(bytes[$0]) } })
        where !piece.isEmpty {
            parts.append(piece)
        }
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
        let (lower, upper) = whole.withBytes { bytes in
            var lower = 0
            var upper = bytes.count
            while lower < upper, SIPGrammar.isLineWhitespace(bytes[lower]) { lower += 1 }
            while upper > lower, SIPGrammar.isLineWhitespace(bytes[upper - 1]) { upper -= 1 }
            return (lower, upper)
        }
        if lower == 0 && upper == whole.utf8.count { return whole }
        return whole[whole.index(atByteOffset: lower)..<whole.index(atByteOffset: upper)]
    }
}

extension Substring {
    /// Runs `body` over the UTF-8 bytes (contiguous for native strings; copied otherwise).
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }

    /// The index `offset` UTF-8 bytes after the start.
    func index(atByteOffset offset: Int) -> Index {
        utf8.index(startIndex, offsetBy: offset)
    }

    /// The pieces between the bytes at `offsets` (ascending), which are dropped.
    func cut(at offsets: [Int]) -> [Substring] {
        var parts: [Substring] = []
        parts.reserveCapacity(offsets.count + 1)
        var start = startIndex
        for offset in offsets {
            let separator = index(atByteOffset: offset)
            parts.append(self[start..<separator])
            start = utf8.index(after: separator)
        }
        parts.append(self[start..<endIndex])
        return parts
    }

    /// The index of the first `byte` (an ASCII character), scanning bytes.
    func firstIndex(ofASCII byte: UInt8) -> Index? {
        withBytes { $0.firstIndex(of: byte) }.map { index(atByteOffset: $0) }
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
