import Foundation
import Testing
@testable import Phrases

/// Loading phrase XML: the accepted layouts, attributes, and file:line errors.
@Suite struct PhraseParsingTests {
    static let stockLayout = """
        <include>
          <language name="en" say-module="en" sound-prefix="/snd/en" tts-engine="flite" tts-voice="kal">
            <phrases>
              <macros>
                <macro name="voicemail_enter_id" pause="0">
                  <input pattern="(.*)" break_on_match="true">
                    <match>
                      <action function="play-file" data="voicemail/vm-enter_id.wav"/>
                      <action function="say" data="$1" method="pronounced" type="name_spelled"/>
                    </match>
                  </input>
                </macro>
              </macros>
              <macros name="conference" sound-path="/snd/conf">
                <macro name="alone"><input><match><action function="play-file" data="alone.wav"/></match></input></macro>
              </macros>
            </phrases>
          </language>
        </include>
        """

    func parse(_ text: String, file: String = "en/test.xml", language: String? = "en") throws -> [PhraseLanguage] {
        try PhraseLoader().parse(Data(text.utf8), file: file, language: language)
    }

    @Test func stockLayoutKeepsLanguageAttributesAndGroups() throws {
        let languages = try parse(Self.stockLayout)
        let en = try #require(languages.first)
        #expect(languages.count == 1)
        #expect(en.name == "en")
        #expect(en.sayModule == "en")
        #expect(en.soundPath == "/snd/en")
        #expect(en.ttsEngine == "flite" && en.ttsVoice == "kal")
        #expect(en.groups.map(\.name) == [nil, "conference"])
        #expect(en.groups[1].soundPath == "/snd/conf")
        let macro = try #require(en.groups[0].macro(named: "VOICEMAIL_ENTER_ID"))
        #expect(macro.pause == 0)
        #expect(macro.line == 5)
        #expect(macro.inputs.count == 1)
        #expect(macro.inputs[0].breakOnMatch)
        #expect(macro.inputs[0].match?.map(\.function) == [.playFile, .say])
        #expect(macro.inputs[0].match?[1].attributes == ["method": "pronounced", "type": "name_spelled"])
        #expect(macro.inputs[0].nomatch == nil)
    }

    @Test func includedMacroFileBelongsToItsFolderLanguage() throws {
        let languages = try parse("""
            <include>
              <X-PRE-PROCESS cmd="include" data="other.xml"/>
              <macro name="a"><input pattern="x"><match/></input></macro>
            </include>
            """, language: "fr")
        #expect(languages.map(\.name) == ["fr"])
        let macro = try #require(languages[0].groups.first?.macro(named: "a"))
        #expect(macro.pause == PhraseMacro.defaultPause)
        #expect(macro.inputs[0].match == [])
        #expect(!macro.inputs[0].breakOnMatch)
    }

    @Test func oldLayoutWithLanguagesInsideMacros() throws {
        let languages = try parse("""
            <macros>
              <language name="de"><macro name="hallo"><input pattern=".*"><match/></input></macro></language>
            </macros>
            """, file: "old.xml", language: nil)
        #expect(languages.map(\.name) == ["de"])
        #expect(languages[0].macroCount == 1)
    }

    @Test func firstDefinitionOfANameWins() throws {
        let languages = try parse("""
            <include>
              <macro name="dup" pause="1"><input><match/></input></macro>
              <macro name="DUP" pause="2"><input><match/></input></macro>
            </include>
            """)
        #expect(languages[0].groups[0].macros.map(\.pause) == [1])
    }

    @Test(arguments: [
        ("yes", true), ("on", true), ("TRUE", true), ("1", true), ("enabled", true),
        ("false", false), ("no", false), ("0", false), ("", false), ("maybe", false),
    ])
    func breakOnMatchFollowsSwitchTrue(_ text: String, _ expected: Bool) {
        #expect(PhraseFileParser.isTrue(text) == expected)
    }

    struct BadFile: Sendable, CustomStringConvertible {
        let name: String
        let xml: String
        let kind: PhraseLoadError.Kind
        let line: Int
        var description: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "unclosed", xml: "<include>\n<macro name=\"a\">\n<input>\n</include>", kind: .malformedXML, line: 4),
        BadFile(name: "nameless macro", xml: "<include>\n\n<macro><input/></macro></include>", kind: .missingAttribute, line: 3),
        BadFile(
            name: "bad regex", xml: "<include>\n<macro name=\"a\">\n<input pattern=\"([0-9\"/></macro></include>",
            kind: .invalidPattern, line: 3),
        BadFile(
            name: "unknown function",
            xml: "<include><macro name=\"a\"><input><match>\n<action function=\"play\" data=\"x\"/></match></input></macro></include>",
            kind: .unknownFunction, line: 2),
        BadFile(
            name: "execute without data",
            xml: "<include><macro name=\"a\"><input><match>\n\n<action function=\"execute\"/></match></input></macro></include>",
            kind: .missingAttribute, line: 3),
        BadFile(
            name: "phrase without a macro name",
            xml: "<include><macro name=\"a\"><input><match>\n<action function=\"phrase\" data=\"1\"/></match></input></macro></include>",
            kind: .missingAttribute, line: 2),
        BadFile(name: "bad pause", xml: "<include>\n<macro name=\"a\" pause=\"soon\"/></include>", kind: .invalidAttribute, line: 2),
        BadFile(
            name: "field attribute",
            xml: "<include><macro name=\"a\">\n<input field=\"${x}\"/></macro></include>", kind: .invalidAttribute, line: 2),
        BadFile(name: "typo element", xml: "<include>\n<macor name=\"a\"/></include>", kind: .unexpectedElement, line: 2),
        BadFile(
            name: "action outside match",
            xml: "<include><macro name=\"a\"><input>\n<action function=\"break\"/></input></macro></include>",
            kind: .unexpectedElement, line: 2),
    ]

    @Test(arguments: badFiles)
    func badFilesAreRejectedWithFileAndLine(_ bad: BadFile) {
        #expect {
            _ = try parse(bad.xml, file: "en/bad.xml")
        } throws: { error in
            guard let error = error as? PhraseLoadError else { return false }
            return error.kind == bad.kind && error.line == bad.line && error.file == "en/bad.xml"
                && error.description.hasPrefix("en/bad.xml:\(bad.line): ")
        }
    }

    @Test func looseMacroAtTheTopNeedsALanguage() {
        #expect(throws: PhraseLoadError(.noLanguage, file: "top.xml", line: 1,
                                        "macro [a] is outside a <language> element")) {
            _ = try parse("<macro name=\"a\"/>", file: "top.xml", language: nil)
        }
    }
}
