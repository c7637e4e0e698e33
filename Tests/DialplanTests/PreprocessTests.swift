import Dialplan
import Foundation
import Testing

/// `X-PRE-PROCESS` include/set and document forms, loaded from fixture folders.
@Suite("Loading: preprocessor and document forms")
struct PreprocessTests {
    @Test func includeAndSetFromFixtures() throws {
        let plan = try DialplanLoader().load(directory: try fixtureDirectory("preprocess"))
        let office = try #require(plan.contexts["office"])
        // Included files are spliced where the include sits, in alphabetical order; notes.txt is not *.xml.
        #expect(office.extensions.map(\.name) == ["first", "second", "prefixed"])
        #expect(office.extensions[0].source == "extensions/a_first.xml:2")

        let prefixed = plan.hunt("55123", context: "office")
        #expect(prefixed.calls == ["bridge(sofia/gateway/carrier-55/123)"])
        // Unknown `$${name}` stays as written.
        #expect(plan.hunt("2", context: "office").calls == ["log(first $${undefined_var})", "log(second)"])
    }

    @Test func fullDocumentUsesOnlyTheDialplanSection() throws {
        let plan = try DialplanLoader().load(directory: try fixtureDirectory("document"))
        #expect(plan.contextNames == ["default"])
        #expect(plan.hunt("echo").calls == ["echo(echo)"])
        #expect(plan.hunt("9196").calls == ["echo(9196)"])
    }

    @Test func inMemoryReaderAndContextMerging() throws {
        let reader = DialplanInMemoryReader(files: [
            "/dp/a.xml": """
                <include><X-PRE-PROCESS cmd="set" data="domain=example.org"/>
                <context name="default"><extension name="a"><condition field="destination_number" expression="^1$">
                  <action application="log" data="a $${domain}"/></condition></extension></context></include>
                """,
            "/dp/b.xml": """
                <include><context name="default"><extension name="b"><condition>
                  <action application="log" data="b $${domain}"/></condition></extension></context></include>
                """,
            "/dp/ignored.txt": "<include/>",
            "/dp/sub/c.xml": "<include><context name=\"sub\"/></include>",
        ])
        let plan = try DialplanLoader(reader: reader).load(directory: "/dp")
        #expect(plan.contextNames == ["default"])
        #expect(plan.contexts["default"]?.extensions.map(\.name) == ["a", "b"])
        #expect(plan.hunt("2").calls == ["log(b example.org)"])
    }

    @Test func includeCycleIsStopped() throws {
        let reader = DialplanInMemoryReader(files: [
            "/dp/loop.xml": #"<include><X-PRE-PROCESS cmd="include" data="loop.xml"/></include>"#
        ])
        let error = #expect(throws: DialplanLoadError.self) {
            try DialplanLoader(reader: reader, maximumIncludeDepth: 4).load(directory: "/dp")
        }
        #expect(error?.kind == .includeTooDeep)
        #expect(error?.file == "loop.xml")
    }

    @Test func unsupportedPreprocessCommandIsAnError() throws {
        let error = #expect(throws: DialplanLoadError.self) {
            try compile("<include>\n<X-PRE-PROCESS cmd=\"exec-set\" data=\"ip=hostname -I\"/></include>")
        }
        #expect(error?.kind == .invalidPreprocess)
        #expect(error?.description == "inline.xml:2: unsupported X-PRE-PROCESS cmd \"exec-set\"")
    }

    @Test(arguments: [
        ("*.xml", "a.xml", true), ("*.xml", "a.xml.bak", false), ("0?_*.xml", "01_x.xml", true),
        ("0?_*.xml", "1_x.xml", false), ("exact.xml", "exact.xml", true), ("*", "", true),
    ])
    func globPatterns(pattern: String, name: String, matches: Bool) throws {
        let reader = DialplanInMemoryReader(files: [
            "/dp/main.xml": "<include><X-PRE-PROCESS cmd=\"include\" data=\"inc/\(pattern)\"/></include>",
            "/dp/inc/\(name)": "<include><context name=\"hit\"/></include>",
        ])
        let plan = try DialplanLoader(reader: reader).load(directory: "/dp")
        #expect((plan.contexts["hit"] != nil) == matches)
    }
}
