import Dialplan
import Testing

/// Broken files fail the whole load with `file:line` (fixtures in `Fixtures/broken/`).
@Suite("Loading: errors name file and line")
struct LoadErrorTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var file: String
        var kind: DialplanLoadError.Kind
        var line: Int
        var messagePrefix: String
        var testDescription: String { file }
    }

    static let rows: [Row] = [
        Row(file: "malformed.xml", kind: .malformedXML, line: 6, messagePrefix: "malformed XML"),
        Row(file: "bad-break.xml", kind: .unknownBreak, line: 4, messagePrefix: "unknown break value \"sometimes\""),
        Row(file: "bad-regex.xml", kind: .invalidRegex, line: 7, messagePrefix: "invalid regular expression"),
        Row(file: "bad-time.xml", kind: .invalidTimeCondition, line: 4, messagePrefix: "invalid wday value"),
        Row(file: "bad-include.xml", kind: .unreadableFile, line: 4, messagePrefix: "cannot list"),
    ]

    @Test(arguments: rows)
    func brokenFile(row: Row) throws {
        let directory = try fixtureDirectory("broken")
        let error = #expect(throws: DialplanLoadError.self) {
            try DialplanLoader().load(directory: directory, files: [row.file])
        }
        #expect(error?.kind == row.kind)
        #expect(error?.file == row.file)
        #expect(error?.line == row.line)
        #expect(error?.message.hasPrefix(row.messagePrefix) == true)
        #expect(error?.description.hasPrefix("\(row.file):\(row.line): ") == true)
    }

    @Test func directoryLoadStopsAtTheFirstBrokenFileAlphabetically() throws {
        let error = #expect(throws: DialplanLoadError.self) {
            try DialplanLoader().load(directory: try fixtureDirectory("broken"))
        }
        #expect(error?.file == "bad-break.xml")
    }

    @Test func missingDirectoryIsAnError() {
        let error = #expect(throws: DialplanLoadError.self) {
            try DialplanLoader().load(directory: "/nonexistent/dialplan")
        }
        #expect(error?.kind == .unreadableFile)
    }

    @Test func errorsInIncludedFilesNameTheIncludedFile() {
        let reader = DialplanInMemoryReader(files: [
            "/dp/main.xml": #"<include><context name="x"><X-PRE-PROCESS cmd="include" data="ext/*.xml"/></context></include>"#,
            "/dp/ext/bad.xml": "<include>\n<extension name=\"e\">\n<condition field=\"a\" expression=\"(\"/></extension></include>",
        ])
        let error = #expect(throws: DialplanLoadError.self) {
            try DialplanLoader(reader: reader).load(directory: "/dp")
        }
        #expect(error?.description.hasPrefix("ext/bad.xml:3: invalid regular expression") == true)
    }
}
