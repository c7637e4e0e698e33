import Foundation
import Testing
@testable import Phrases

/// Expanding `(macro, data, language)`: pattern match/nomatch, `$N` substitution, break_on_match, `break`,
/// pause, nested macros, language selection.
@Suite struct PhraseExpansionTests {
    static let xml = """
        <include>
          <language name="en" say-module="en_say">
            <phrases>
              <macros>
                <macro name="count" pause="0">
                  <input pattern="^(\\d+):new$" break_on_match="true">
                    <match>
                      <action function="play-file" data="voicemail/you_have.wav"/>
                      <action function="say" data="$1" method="pronounced" type="items"/>
                      <action function="play-file" data="voicemail/new_messages.wav"/>
                    </match>
                  </input>
                  <input pattern="^(\\d+):saved$">
                    <match>
                      <action function="say" data="${1}" method="counted" type="number" gender="feminine"/>
                    </match>
                    <nomatch>
                      <action function="play-file" data="$1-${caller_id_number}.wav"/>
                    </nomatch>
                  </input>
                </macro>
                <macro name="all">
                  <input pattern="a"><match><action function="play-file" data="a.wav"/></match></input>
                  <input pattern="b" break_on_match="false"><match><action function="play-file" data="b.wav"/></match></input>
                  <input pattern="c"><match><action function="break"/><action function="play-file" data="never.wav"/></match></input>
                  <input pattern="d"><match><action function="play-file" data="d.wav"/></match></input>
                </macro>
                <macro name="misc" pause="250">
                  <input pattern="^(.)(.)$">
                    <match>
                      <action function="execute" data="sleep($2$1)"/>
                      <action function="speak-text" data="hello $1" tts-voice="slt"/>
                      <action function="phrase" phrase="count" data="$1:new"/>
                      <action function="play-file" data="\\$1 is $9"/>
                    </match>
                  </input>
                </macro>
                <macro name="nogroup" pause="0">
                  <input pattern="\\d+"><match><action function="say" data="$0 $1" type="number"/></match></input>
                </macro>
              </macros>
              <macros name="conf" sound-prefix="/conf">
                <macro name="alone" pause="0"><input><match><action function="play-file" data="alone.wav"/></match></input></macro>
              </macros>
            </phrases>
          </language>
          <language name="fr" sound-path="/fr">
            <macro name="count" pause="0"><input><match><action function="play-file" data="fr.wav"/></match></input></macro>
          </language>
        </include>
        """

    let book: PhraseBook

    init() throws {
        book = PhraseBook(languages: try PhraseLoader().parse(Data(Self.xml.utf8), file: "t.xml", language: nil))
    }

    func text(_ segments: PhraseText.Segment...) -> PhraseText { PhraseText(segments: segments) }

    @Test func matchSubstitutesCapturesAsLiteralsAndBreaks() throws {
        let expansion = try book.expand(macro: "count", data: "3:new", language: "en")
        #expect(expansion.matched)
        #expect(expansion.steps == [
            .playFile(text(.template("voicemail/you_have.wav"))),
            .say(text(.literal("3")), PhraseSay(type: "items", method: "pronounced", module: "en_say")),
            .playFile(text(.template("voicemail/new_messages.wav"))),
        ])
    }

    @Test func secondInputMatchesWithBracedReference() throws {
        let expansion = try book.expand(macro: "count", data: "12:saved", language: "en")
        #expect(expansion.steps == [
            .say(text(.literal("12")), PhraseSay(type: "number", method: "counted", gender: "feminine", module: "en_say")),
        ])
    }

    @Test func nomatchRunsItsActionsWithoutSubstitution() throws {
        let expansion = try book.expand(macro: "count", data: "oops", language: "en")
        #expect(expansion.matched)
        #expect(expansion.steps == [.playFile(text(.template("$1-${caller_id_number}.wav")))])
    }

    @Test func callerTextInDataIsNeverATemplate() throws {
        let execute = try book.expand(macro: "misc", data: "${", language: "en").steps.first
        #expect(execute == .execute(application: "sleep", data: text(.literal("{"), .literal("$"))))
        let steps = try book.expand(macro: "nogroup", data: "7", language: "en").steps
        // No group in the pattern: FreeSWITCH leaves $0/$1 alone.
        #expect(steps == [.say(text(.template("$0 $1")), PhraseSay(type: "number", method: "", module: "en_say"))])
    }

    @Test func inputsRunInOrderUntilBreak() throws {
        func files(_ data: String) throws -> [String] {
            try book.expand(macro: "all", data: data, language: "en").steps.compactMap {
                if case .playFile(let file) = $0 { file.description } else { nil }
            }
        }
        #expect(try files("abd") == ["a.wav", "b.wav", "d.wav"])
        #expect(try files("abcd") == ["a.wav", "b.wav"])
        #expect(try files("d") == ["d.wav"])
        let none = try book.expand(macro: "all", data: "zzz", language: "en")
        #expect(!none.matched && none.steps.isEmpty)
    }

    @Test func defaultPauseFollowsEveryAction() throws {
        let steps = try book.expand(macro: "all", data: "a", language: "en").steps
        #expect(steps == [.playFile(text(.template("a.wav"))), .pause(milliseconds: 100)])
    }

    @Test func executeSpeakPhraseAndEscapes() throws {
        let steps = try book.expand(macro: "misc", data: "xy", language: "en").steps
        #expect(steps == [
            .execute(application: "sleep", data: text(.literal("y"), .literal("x"))),
            .pause(milliseconds: 250),
            .speak(text(.template("hello "), .literal("x")), engine: nil, voice: "slt"),
            .pause(milliseconds: 250),
            .phrase(macro: "count", data: text(.literal("x"), .template(":new"))),
            .pause(milliseconds: 250),
            .playFile(text(.template("$1 is "))),
            .pause(milliseconds: 250),
        ])
    }

    @Test func groupsAndSoundPaths() throws {
        let conf = try book.expand(macro: "alone@conf", data: "", language: "EN")
        #expect(conf.soundPath == "/conf")
        #expect(conf.soundFile("alone.wav") == "/conf/alone.wav")
        #expect(conf.soundFile("/abs/x.wav") == "/abs/x.wav")
        #expect(conf.soundFile("tone_stream://%(100,0,440)") == "tone_stream://%(100,0,440)")
        #expect(try book.expand(macro: "alone", data: "", language: "en").macro == "alone")
        #expect(throws: PhraseLookupError(.unknownMacro, macro: "count@conf", language: "en")) {
            try book.expand(macro: "count@conf", data: "1:new", language: "en")
        }
        let english = try book.expand(macro: "count", data: "", language: "en")
        #expect(english.soundPath == nil && english.soundFile("a.wav") == "a.wav")
    }

    @Test func languageSelection() throws {
        #expect(PhraseBook.languageName(explicit: "fr", language: "de", defaultLanguage: "es") == "fr")
        #expect(PhraseBook.languageName(explicit: nil, language: "de", defaultLanguage: "es") == "de")
        #expect(PhraseBook.languageName(explicit: "", language: nil, defaultLanguage: "es") == "es")
        #expect(PhraseBook.languageName(explicit: nil, language: nil, defaultLanguage: nil) == "en")
        let french = try book.expand(macro: "count", data: "3:new", language: "fr")
        #expect(french.language == "fr")
        #expect(french.soundFile("fr.wav") == "/fr/fr.wav")
        #expect(french.steps == [.playFile(text(.template("fr.wav")))])
        #expect(throws: PhraseLookupError(.unknownLanguage, macro: "count", language: "xx")) {
            try book.expand(macro: "count", data: "", language: "xx")
        }
        #expect(throws: PhraseLookupError(.unknownMacro, macro: "missing", language: "en")) {
            try book.expand(macro: "missing", data: "", language: "en")
        }
    }

    @Test func sayDigitFiles() {
        #expect(PhraseSay.digitFiles("1*#a2") == ["digits/1.wav", "digits/star.wav", "digits/pound.wav", "digits/2.wav"])
    }

    @Test(arguments: [
        ("$1", ["all", "x"], [PhraseText.Segment.literal("x")]),
        ("a${1}b", ["all", "x"], [.template("a"), .literal("x"), .template("b")]),
        ("${name}", ["all", "x"], [.template("${name}")]),
        ("\\$1", ["all", "x"], [.template("$1")]),
        ("$5", ["all"], []),
        ("$", ["all"], [.template("$")]),
        ("${1", ["all", "x"], [.template("${1")]),
    ])
    func substitution(_ template: String, _ captures: [String], _ expected: [PhraseText.Segment]) {
        #expect(PhraseText(substituting: template, captures: captures).segments == expected)
    }
}
