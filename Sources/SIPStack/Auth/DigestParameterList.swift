/// The `Digest` auth-param list shared by challenges and credentials (RFC 7616 §3.3–3.4; RFC 3261 §25.1
/// `challenge`/`credentials`):
///
/// ```
/// "Digest" LWS auth-param *(COMMA auth-param)
/// auth-param = token LWS "=" LWS ( token / quoted-string )
/// ```
///
/// Parsing works on the UTF-8 bytes; names are lower-cased, quoted values unescaped (`\"` → `"`). Unquoted
/// values are read leniently up to whitespace or a comma (some phones send `uri=sip:…` unquoted). Empty list
/// elements (`,,`) are skipped (RFC 7230 §7 #rule). Duplicates, a missing `=`, an unterminated quote, control
/// characters, more than `maxParameters` parameters or more than `maxLength` bytes are errors.
struct DigestParameterList {
    struct Parameter {
        var name: String
        var value: String
        var wasQuoted: Bool
    }

    static let maxLength = 8192
    static let maxParameters = 32

    private(set) var parameters: [Parameter] = []

    subscript(name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    init(parsing text: String) throws(DigestParseError) {
        var text = text
        let result: Result<[Parameter], DigestParseError> = text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            do throws(DigestParseError) {
                return .success(try reader.readAll())
            } catch {
                return .failure(error)
            }
        }
        self.parameters = try result.get()
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func readAll() throws(DigestParseError) -> [Parameter] {
            guard bytes.count <= DigestParameterList.maxLength else {
                throw DigestParseError(.tooLong, "\(bytes.count) bytes")
            }
            skipWhitespace()
            let scheme = readToken()
            guard scheme.lowercased() == "digest" else { throw DigestParseError(.notDigest, scheme) }
            guard i == bytes.count || Self.isWhitespace(bytes[i]) else { throw DigestParseError(.notDigest) }
            var result: [Parameter] = []
            var names = Set<String>()
            while true {
                skipWhitespaceAndCommas()
                if i == bytes.count { break }
                let name = readToken().lowercased()
                guard !name.isEmpty else { throw DigestParseError(.malformed, "expected a parameter name at byte \(i)") }
                skipWhitespace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
                    throw DigestParseError(.malformed, "expected '=' after \(name)")
                }
                i += 1
                skipWhitespace()
                let (value, quoted) = try readValue(for: name)
                guard names.insert(name).inserted else { throw DigestParseError(.duplicateParameter, name) }
                guard result.count < DigestParameterList.maxParameters else { throw DigestParseError(.tooLong, "too many parameters") }
                result.append(Parameter(name: name, value: value, wasQuoted: quoted))
                skipWhitespace()
                guard i == bytes.count || bytes[i] == UInt8(ascii: ",") else {
                    throw DigestParseError(.malformed, "expected ',' after \(name)")
                }
            }
            guard !result.isEmpty else { throw DigestParseError(.malformed, "no parameters") }
            return result
        }

        private mutating func readValue(for name: String) throws(DigestParseError) -> (String, Bool) {
            guard i < bytes.count else { throw DigestParseError(.malformed, "missing value for \(name)") }
            if bytes[i] == UInt8(ascii: "\"") {
                return (try readQuoted(for: name), true)
            }
            let start = i
            while i < bytes.count, !Self.isWhitespace(bytes[i]), bytes[i] != UInt8(ascii: ",") {
                guard bytes[i] >= 0x21, bytes[i] != 0x7F, bytes[i] != UInt8(ascii: "\"") else {
                    throw DigestParseError(.malformed, "bad character in value of \(name)")
                }
                i += 1
            }
            guard i > start else { throw DigestParseError(.malformed, "empty value for \(name)") }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self), false)
        }

        /// quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE (RFC 3261 §25.1).
        private mutating func readQuoted(for name: String) throws(DigestParseError) -> String {
            i += 1
            let start = i
            var hasEscape = false
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    i += 1
                    return hasEscape ? Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
                }
                if b == UInt8(ascii: "\\") {
                    hasEscape = true
                    i += 1
                    guard i < bytes.count else { break }
                    guard bytes[i] != 0x0D, bytes[i] != 0x0A else {
                        throw DigestParseError(.malformed, "bad escape in value of \(name)")
                    }
                } else if b < 0x20 && b != 0x09 || b == 0x7F {
                    throw DigestParseError(.malformed, "control character in value of \(name)")
                }
                i += 1
            }
            throw DigestParseError(.malformed, "unterminated quoted string for \(name)")
        }

        private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
            var out = [UInt8]()
            out.reserveCapacity(raw.count)
            var escaped = false
            for b in raw {
                if !escaped && b == UInt8(ascii: "\\") {
                    escaped = true
                } else {
                    out.append(b)
                    escaped = false
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        private mutating func readToken() -> String {
            let start = i
            while i < bytes.count, Self.isTokenByte(bytes[i]) { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }

        private mutating func skipWhitespace() {
            while i < bytes.count, Self.isWhitespace(bytes[i]) { i += 1 }
        }

        private mutating func skipWhitespaceAndCommas() {
            while i < bytes.count, Self.isWhitespace(bytes[i]) || bytes[i] == UInt8(ascii: ",") { i += 1 }
        }

        /// SP, HTAB, and CR/LF of a folded line (LWS).
        private static func isWhitespace(_ b: UInt8) -> Bool {
            b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
        }

        /// RFC 3261 §25.1 token characters.
        private static func isTokenByte(_ b: UInt8) -> Bool {
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
    }

    // MARK: - Serializing

    /// `"value"` with `\` and `"` escaped (RFC 3261 §25.1 quoted-pair).
    static func quoted(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return "\"" + value + "\""
        }
        var out = "\""
        for ch in value.unicodeScalars {
            if ch == "\"" || ch == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(ch)
        }
        return out + "\""
    }
}
