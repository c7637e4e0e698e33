/// A value of the TOML subset that `switchboard.toml` uses (TOML v1.0.0 §String, §Integer, §Boolean, §Array).
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    /// Elements are all of one scalar type; nested arrays are not part of the subset.
    case array([TOMLValue])

    /// What the value is, in words, for error messages.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .boolean: "a boolean"
        case .array: "an array"
        }
    }
}

/// A parsed TOML file in the subset `switchboard.toml` uses: top-level `[table]` headers holding `key = value`
/// lines, with comments and blank lines. Tables and entries keep their order and the line they were written on.
///
/// Not in the subset (each is a syntax error naming the construct): dotted and quoted keys, `[[arrays of
/// tables]]`, inline tables, floats, dates and times, multi-line strings, nested arrays.
public struct TOMLDocument: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: TOMLValue
        /// 1-based line of the key.
        public var line: Int

        public init(key: String, value: TOMLValue, line: Int) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    public struct Table: Sendable, Equatable {
        /// The header's name; "" for the keys written before any header.
        public var name: String
        /// 1-based line of the header; 0 for the root table.
        public var line: Int
        public var entries: [Entry]

        public init(name: String, line: Int, entries: [Entry] = []) {
            self.name = name
            self.line = line
            self.entries = entries
        }

        public func entry(_ key: String) -> Entry? {
            entries.first { $0.key == key }
        }
    }

    /// The root table first (possibly empty), then each `[table]` in file order.
    public var tables: [Table]

    public init(tables: [Table]) {
        self.tables = tables
    }

    /// Parses `text`; a syntax error is thrown as a `ConfigurationError` naming `file` and the line.
    public init(parsing text: String, file: String) throws {
        var parser = TOMLParser(text: text, file: file)
        self.tables = try parser.parseDocument()
    }

    public func table(_ name: String) -> Table? {
        tables.first { $0.name == name }
    }
}
