import Server
import Testing

@Suite("TOML subset parser")
struct TOMLTests {
    private func parse(_ text: String) throws -> TOMLDocument {
        try TOMLDocument(parsing: text, file: "test.toml")
    }

    private func value(_ literal: String) throws -> TOMLValue {
        let document = try parse("key = \(literal)\n")
        return try #require(document.tables.first?.entries.first).value
    }

    @Test func tablesAndEntriesKeepOrderAndLines() throws {
        let document = try parse(
            """
            # leading comment
            top = 1

            [first]   # a header may carry a comment
            a = "x"
              b=2
            [second-table_2]
            """)
        #expect(
            document.tables == [
                TOMLDocument.Table(name: "", line: 0, entries: [.init(key: "top", value: .integer(1), line: 2)]),
                TOMLDocument.Table(
                    name: "first", line: 4,
                    entries: [
                        .init(key: "a", value: .string("x"), line: 5), .init(key: "b", value: .integer(2), line: 6),
                    ]),
                TOMLDocument.Table(name: "second-table_2", line: 7),
            ])
        #expect(document.table("first")?.entry("b")?.value == .integer(2))
        #expect(document.table("third") == nil)
    }

    @Test func emptyAndCommentOnlyTextHasOnlyTheEmptyRootTable() throws {
        #expect(try parse("").tables == [TOMLDocument.Table(name: "", line: 0)])
        #expect(try parse("\n  \n# only a comment\n\t\n").tables == [TOMLDocument.Table(name: "", line: 0)])
    }

    @Test func crlfLineEndsCountAsOneLine() throws {
        let document = try parse("[a]\r\nx = 1\r\n\r\ny = 'z'\r\n")
        #expect(document.table("a")?.entries.map(\.line) == [2, 4])
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""""#, ""),
        (#""tab\there""#, "tab\there"),
        (#""quote \" backslash \\ slash /""#, #"quote " backslash \ slash /"#),
        (#""\b\f\n\r""#, "\u{08}\u{0C}\n\r"),
        (#""\u00e9\U0001F600""#, "é😀"),
        (##""# not a comment""##, "# not a comment"),
        (#"'C:\Users\no escapes'"#, #"C:\Users\no escapes"#),
        (#"''"#, ""),
        (#"'say "hi"'"#, #"say "hi""#),
        (#""ünïcödé""#, "ünïcödé"),
    ])
    func strings(literal: String, expected: String) throws {
        #expect(try value(literal) == .string(expected))
    }

    @Test(arguments: [
        ("0", 0), ("42", 42), ("+17", 17), ("-5", -5), ("-0", 0), ("1_000", 1000), ("5_3_9", 539),
        ("0xDEAD_beef", 0xDEAD_BEEF), ("0o755", 0o755), ("0b1101", 13),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
    ])
    func integers(literal: String, expected: Int) throws {
        #expect(try value(literal) == .integer(expected))
    }

    @Test func booleans() throws {
        #expect(try value("true") == .boolean(true))
        #expect(try value("false") == .boolean(false))
    }

    @Test func arrays() throws {
        #expect(try value("[]") == .array([]))
        #expect(try value(#"["PCMU", 'PCMA']"#) == .array([.string("PCMU"), .string("PCMA")]))
        #expect(try value("[ 1,2 , 3, ]") == .array([.integer(1), .integer(2), .integer(3)]))
        let multiLine = try parse(
            """
            codecs = [
              "opus",  # preferred
              # a whole-line comment
              "PCMU",
            ]
            after = 1
            """)
        #expect(multiLine.tables[0].entries == [
            .init(key: "codecs", value: .array([.string("opus"), .string("PCMU")]), line: 1),
            .init(key: "after", value: .integer(1), line: 6),
        ])
    }

    @Test(arguments: [
        // (text, expected error description)
        ("key", "test.toml:1: expected '=' after key 'key', found end of file"),
        ("\n\nkey value", "test.toml:3: expected '=' after key 'key', found 'v'"),
        ("= 1", "test.toml:1: expected a key, found '='"),
        ("a.b = 1", "test.toml:1: dotted keys are not supported"),
        (#""quoted" = 1"#, "test.toml:1: quoted keys are not supported"),
        ("a =", "test.toml:1: expected a value, found end of file"),
        ("a = # nothing", "test.toml:1: expected a value, found '#'"),
        ("a = 1 2", "test.toml:1: unexpected '2' after value"),
        ("a = 1\na = 2", "test.toml:2: duplicate key 'a'"),
        ("[t]\na = 1\n\na = 2", "test.toml:4: duplicate key 't.a'"),
        ("[t]\n[u]\n[t]", "test.toml:3: duplicate table [t]"),
        ("[t", "test.toml:1: expected ']' to close the table header, found end of file"),
        ("[]", "test.toml:1: expected a table name, found ']'"),
        ("[a.b]", "test.toml:1: dotted table names are not supported"),
        ("[[servers]]", "test.toml:1: arrays of tables ([[name]]) are not supported"),
        ("[t] x", "test.toml:1: unexpected 'x' after table header"),
        ("a = \"open", "test.toml:1: unterminated string"),
        ("a = \"line\nbreak\"", "test.toml:1: unterminated string"),
        ("a = 'open", "test.toml:1: unterminated string"),
        (#"a = "bad \q escape""#, #"test.toml:1: invalid escape '\q' in string"#),
        (#"a = "\u12zz""#, "test.toml:1: invalid unicode escape '12zz' in string"),
        (#"a = "\u12""#, "test.toml:1: invalid unicode escape in string"),
        (#"a = "\uD800""#, "test.toml:1: invalid unicode escape 'D800' in string"),
        ("a = \"bell \u{07}\"", "test.toml:1: control character U+7 in string"),
        ("a = \"\"\"multi\"\"\"", "test.toml:1: multi-line strings (\"\"\") are not supported"),
        ("a = '''multi'''", "test.toml:1: multi-line strings (''') are not supported"),
        ("a = 1.5", "test.toml:1: floats are not supported ('1.5')"),
        ("a = 1e3", "test.toml:1: floats are not supported ('1e3')"),
        ("a = inf", "test.toml:1: floats are not supported ('inf')"),
        ("a = 1979-05-27", "test.toml:1: dates and times are not supported ('1979-05-27')"),
        ("a = 07:32:00", "test.toml:1: dates and times are not supported ('07:32:00')"),
        ("a = yes", "test.toml:1: expected a value, found 'yes' (strings must be quoted)"),
        ("a = 0123", "test.toml:1: invalid integer '0123'"),
        ("a = 1__0", "test.toml:1: invalid integer '1__0'"),
        ("a = _1", "test.toml:1: invalid integer '_1'"),
        ("a = 1_", "test.toml:1: invalid integer '1_'"),
        ("a = 0xG", "test.toml:1: invalid integer '0xG'"),
        ("a = -0x1", "test.toml:1: invalid integer '-0x1': a sign is not allowed with a 0x, 0o or 0b prefix"),
        ("a = 9223372036854775808", "test.toml:1: integer '9223372036854775808' is out of range"),
        ("a = {x = 1}", "test.toml:1: inline tables are not supported"),
        ("a = [1, \"two\"]", "test.toml:1: mixed types in an array (an integer and a string)"),
        ("a = [[1]]", "test.toml:1: nested arrays are not supported"),
        ("a = [1 2]", "test.toml:1: expected ',' or ']' in an array, found '2'"),
        ("a = [1,\n2,\n", "test.toml:3: unterminated array"),
        ("a = 1\r", "test.toml:1: carriage return not followed by a line feed"),
    ])
    func syntaxErrorsNameTheLine(text: String, expected: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try parse(text) }
        #expect(error?.description == expected)
        #expect(error?.file == "test.toml")
    }
}
