/// Recursive-descent parser for the TOML subset of `TOMLDocument` (TOML v1.0.0, https://toml.io/en/v1.0.0).
/// Works on Unicode scalars and counts lines so every syntax error names `file:line`.
struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private let file: String
    private var index = 0
    private var line = 1

    init(text: String, file: String) {
        self.scalars = Array(text.unicodeScalars)
        self.file = file
    }

    mutating func parseDocument() throws -> [TOMLDocument.Table] {
        var tables = [TOMLDocument.Table(name: "", line: 0)]
        while true {
            skipBlanks()
            guard let scalar = peek() else { break }
            switch scalar {
            case "#":
                skipComment()
            case "\n", "\r":
                try consumeNewline()
            case "[":
                let headerLine = line
                let name = try parseHeader()
                guard !tables.contains(where: { $0.name == name }) else {
                    throw error("duplicate table [\(name)]", line: headerLine)
                }
                tables.append(TOMLDocument.Table(name: name, line: headerLine))
            default:
                let entry = try parseKeyValue()
                let tableName = tables[tables.count - 1].name
                guard tables[tables.count - 1].entry(entry.key) == nil else {
                    let qualified = tableName.isEmpty ? entry.key : "\(tableName).\(entry.key)"
                    throw error("duplicate key '\(qualified)'", line: entry.line)
                }
                tables[tables.count - 1].entries.append(entry)
            }
        }
        return tables
    }

    // MARK: Lines

    /// `[name]` (TOML §Table). The name is a bare key.
    private mutating func parseHeader() throws -> String {
        index += 1
        if peek() == "[" {
            throw error("arrays of tables ([[name]]) are not supported")
        }
        skipBlanks()
        let name = try parseBareKey(what: "table name")
        skipBlanks()
        if peek() == "." {
            throw error("dotted table names are not supported")
        }
        guard peek() == "]" else {
            throw error("expected ']' to close the table header, found \(describe(peek()))")
        }
        index += 1
        try expectLineEnd(after: "table header")
        return name
    }

    /// `key = value` (TOML §Keys, §Key/Value Pair). Keys are bare: A–Z a–z 0–9 _ -.
    private mutating func parseKeyValue() throws -> TOMLDocument.Entry {
        let keyLine = line
        let key = try parseBareKey(what: "key")
        skipBlanks()
        if peek() == "." {
            throw error("dotted keys are not supported")
        }
        guard peek() == "=" else {
            throw error("expected '=' after key '\(key)', found \(describe(peek()))")
        }
        index += 1
        skipBlanks()
        let value = try parseValue()
        try expectLineEnd(after: "value")
        return TOMLDocument.Entry(key: key, value: value, line: keyLine)
    }

    private mutating func parseBareKey(what: String) throws -> String {
        var key = String.UnicodeScalarView()
        while let scalar = peek(), Self.isBareKeyScalar(scalar) {
            key.append(scalar)
            index += 1
        }
        if key.isEmpty {
            if peek() == "\"" || peek() == "'" {
                throw error("quoted keys are not supported")
            }
            throw error("expected a \(what), found \(describe(peek()))")
        }
        return String(key)
    }

    private mutating func expectLineEnd(after what: String) throws {
        skipBlanks()
        switch peek() {
        case nil, "\n", "\r":
            return
        case "#":
            skipComment()
        case let scalar:
            throw error("unexpected \(describe(scalar)) after \(what)")
        }
    }

    // MARK: Values

    private mutating func parseValue() throws -> TOMLValue {
        switch peek() {
        case "\"":
            return .string(try parseBasicString())
        case "'":
            return .string(try parseLiteralString())
        case "[":
            return try parseArray()
        case "{":
            throw error("inline tables are not supported")
        default:
            let token = scanToken()
            if token.isEmpty {
                throw error("expected a value, found \(describe(peek()))")
            }
            if token == "true" || token == "false" {
                return .boolean(token == "true")
            }
            return .integer(try TOMLInteger.parse(token, failure: { error($0) }))
        }
    }

    /// `[ value, value, ]` (TOML §Array): may span lines and hold comments; elements share one scalar type.
    private mutating func parseArray() throws -> TOMLValue {
        index += 1
        var elements: [TOMLValue] = []
        while true {
            try skipArrayFiller()
            switch peek() {
            case nil:
                throw error("unterminated array")
            case "]":
                index += 1
                return .array(elements)
            case "[":
                throw error("nested arrays are not supported")
            default:
                break
            }
            let element = try parseValue()
            if let first = elements.first, first.typeName != element.typeName {
                throw error("mixed types in an array (\(first.typeName) and \(element.typeName))")
            }
            elements.append(element)
            try skipArrayFiller()
            switch peek() {
            case ",":
                index += 1
            case "]":
                continue
            case let scalar:
                throw error("expected ',' or ']' in an array, found \(describe(scalar))")
            }
        }
    }

    /// `"…"` with escapes (TOML §String, basic strings).
    private mutating func parseBasicString() throws -> String {
        if lookahead("\"\"\"") {
            throw error("multi-line strings (\"\"\") are not supported")
        }
        index += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw error("unterminated string")
            }
            index += 1
            switch scalar {
            case "\"":
                return String(result)
            case "\\":
                result.append(try parseEscape())
            default:
                try checkNotControl(scalar)
                result.append(scalar)
            }
        }
    }

    private mutating func parseEscape() throws -> Unicode.Scalar {
        guard let scalar = peek() else {
            throw error("unterminated string")
        }
        index += 1
        switch scalar {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u": return try parseUnicodeEscape(digits: 4)
        case "U": return try parseUnicodeEscape(digits: 8)
        default: throw error("invalid escape '\\\(scalar)' in string")
        }
    }

    private mutating func parseUnicodeEscape(digits: Int) throws -> Unicode.Scalar {
        guard index + digits <= scalars.count else {
            throw error("invalid unicode escape in string")
        }
        let hex = String(String.UnicodeScalarView(scalars[index..<index + digits]))
        guard let code = UInt32(hex, radix: 16), hex.allSatisfy(\.isHexDigit), let scalar = Unicode.Scalar(code)
        else {
            throw error("invalid unicode escape '\(hex)' in string")
        }
        index += digits
        return scalar
    }

    /// `'…'` taken verbatim (TOML §String, literal strings).
    private mutating func parseLiteralString() throws -> String {
        if lookahead("'''") {
            throw error("multi-line strings (''') are not supported")
        }
        index += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw error("unterminated string")
            }
            index += 1
            if scalar == "'" {
                return String(result)
            }
            try checkNotControl(scalar)
            result.append(scalar)
        }
    }

    /// A run of scalars up to white space, a comment, a comma, a bracket or the end of the line.
    private mutating func scanToken() -> String {
        var token = String.UnicodeScalarView()
        while let scalar = peek(), !" \t\r\n#,[]{}".unicodeScalars.contains(scalar) {
            token.append(scalar)
            index += 1
        }
        return String(token)
    }

    // MARK: Scanning

    private func peek() -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private func lookahead(_ text: String) -> Bool {
        let wanted = Array(text.unicodeScalars)
        return index + wanted.count <= scalars.count && Array(scalars[index..<index + wanted.count]) == wanted
    }

    private mutating func skipBlanks() {
        while let scalar = peek(), scalar == " " || scalar == "\t" {
            index += 1
        }
    }

    private mutating func skipComment() {
        while let scalar = peek(), scalar != "\n", scalar != "\r" {
            index += 1
        }
    }

    /// LF or CRLF (TOML §Spec: "Newline means LF (0x0A) or CRLF (0x0D 0x0A)").
    private mutating func consumeNewline() throws {
        if peek() == "\r" {
            index += 1
            guard peek() == "\n" else {
                throw error("carriage return not followed by a line feed")
            }
        }
        index += 1
        line += 1
    }

    private mutating func skipArrayFiller() throws {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t": index += 1
            case "#": skipComment()
            case "\n", "\r": try consumeNewline()
            default: return
            }
        }
    }

    private func checkNotControl(_ scalar: Unicode.Scalar) throws {
        if (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F {
            throw error("control character U+\(String(scalar.value, radix: 16, uppercase: true)) in string")
        }
    }

    private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x5F, 0x2D: true
        default: false
        }
    }

    private func describe(_ scalar: Unicode.Scalar?) -> String {
        switch scalar {
        case nil: "end of file"
        case "\n", "\r": "end of line"
        case let scalar?: "'\(scalar)'"
        }
    }

    private func error(_ message: String, line: Int? = nil) -> ConfigurationError {
        ConfigurationError(file: file, line: line ?? self.line, message: message)
    }
}
