import Foundation
import Testing
import Phrases
import SwitchCore
@testable import Applications

/// `phrase <macro>[,<data>]` and `playback phrase:<macro>[:<data>]` over a recording session.
@Suite struct PhraseApplicationTests {
    static let xml = """
        <include>
          <language name="en">
            <macro name="count" pause="0">
              <input pattern="^(\\d+):new$" break_on_match="true">
                <match>
                  <action function="play-file" data="voicemail/you_have.wav"/>
                  <action function="say" data="$1" method="pronounced" type="items"/>
                  <action function="play-file" data="voicemail/new_messages.wav"/>
                </match>
              </input>
              <input pattern="."><nomatch><action function="play-file" data="ivr/invalid_entry.wav"/></nomatch></input>
            </macro>
            <macro name="paused" pause="250">
              <input pattern="(.*)"><match>
                <action function="play-file" data="a.wav"/>
                <action function="execute" data="set(heard=$1)"/>
                <action function="phrase" phrase="count" data="7:new"/>
              </match></input>
            </macro>
            <macro name="loop" pause="0"><input><match><action function="phrase" phrase="loop"/></match></input></macro>
            <macro name="tts" pause="0"><input><match>
              <action function="speak-text" data="hello"/><action function="play-file" data="after.wav"/>
            </match></input></macro>
          </language>
          <language name="fr" sound-prefix="/snd/fr">
            <macro name="count" pause="0"><input><match><action function="play-file" data="fr/vous_avez.wav"/></match></input></macro>
          </language>
        </include>
        """

    let harness: ApplicationHarness

    init() throws {
        let book = PhraseBook(languages: try PhraseLoader().parse(Data(Self.xml.utf8), file: "t.xml", language: nil))
        let inner = ApplicationHarness()
        harness = ApplicationHarness(phrases: PhraseEnvironment(
            book: { book }, application: { name in inner.registry.application(named: name) }))
    }

    @Test func phrasePlaysFilesAndSaysCapturedDigits() async throws {
        let session = RecordingSession()
        try await harness.run("phrase", "count,12:new", on: session)
        #expect(session.calls == [
            .playback("voicemail/you_have.wav"), .playback("digits/1.wav"), .playback("digits/2.wav"),
            .playback("voicemail/new_messages.wav"),
        ])
        #expect(session.variables["current_application_response"] == "FILE PLAYED")
    }

    @Test func nomatchBlockRunsForOtherData() async throws {
        let session = RecordingSession()
        try await harness.run("phrase", "count", on: session)
        #expect(session.calls == [.playback("ivr/invalid_entry.wav")])
    }

    @Test func playbackPhraseSourceTakesDataAfterTheSecondColon() async throws {
        let session = RecordingSession()
        try await harness.run("playback", "phrase:count:3:new", on: session)
        #expect(session.calls == [
            .playback("voicemail/you_have.wav"), .playback("digits/3.wav"), .playback("voicemail/new_messages.wav"),
        ])
    }

    @Test func terminatorStopsTheRestOfTheMacro() async throws {
        let session = RecordingSession()
        session.script(playback: "voicemail/you_have.wav", .interrupted(byDigit: "#"))
        try await harness.run("phrase", "count,12:new", on: session)
        #expect(session.calls == [.playback("voicemail/you_have.wav")])
        #expect(session.variables["playback_terminator_used"] == "#")
    }

    @Test func missingFileStopsTheMacro() async throws {
        let session = RecordingSession()
        session.script(playback: "digits/1.wav", .notFound)
        try await harness.run("phrase", "count,12:new", on: session)
        #expect(session.calls == [.playback("voicemail/you_have.wav"), .playback("digits/1.wav")])
    }

    @Test func languageComesFromTheChannelAndSoundPrefixApplies() async throws {
        let session = RecordingSession()
        session.seed("default_language", "fr")
        try await harness.run("phrase", "count,1:new", on: session)
        session.seed("language", "en")
        try await harness.run("phrase", "count", on: session)
        #expect(session.calls == [.playback("/snd/fr/fr/vous_avez.wav"), .playback("ivr/invalid_entry.wav")])
    }

    @Test func executeNestedPhraseAndPauses() async throws {
        let session = RecordingSession()
        try await harness.run("phrase", "paused,hi", on: session)
        #expect(session.calls == [
            .playback("a.wav"), .playback("voicemail/you_have.wav"), .playback("digits/7.wav"),
            .playback("voicemail/new_messages.wav"),
        ])
        #expect(session.variables["heard"] == "hi")
        #expect(session.origin(of: "heard") == .caller)
        #expect(harness.clock.elapsed == .milliseconds(750))
    }

    @Test func unknownMacroLanguageAndUsageAreLogged() async throws {
        let session = RecordingSession()
        try await harness.run("phrase", "nope,1", on: session)
        session.seed("language", "xx")
        try await harness.run("playback", "phrase:count", on: session)
        try await harness.run("phrase", " ,1", on: session)
        #expect(session.calls.isEmpty)
        #expect(harness.logged(.error) == [
            "phrase: no phrase macro [nope] in language [en]",
            "phrase: no phrase language [xx] (for macro [count])",
            "phrase: no macro given. USAGE: <macro>[,<data>]",
        ])
    }

    @Test func selfNestingMacroIsCutOff() async throws {
        let session = RecordingSession()
        try await harness.run("phrase", "loop", on: session)
        #expect(harness.logged(.error) == ["phrase loop: phrase macros nested deeper than 8"])
    }

    @Test func speakTextLogsAndGoesOn() async throws {
        let session = RecordingSession()
        try await harness.run("phrase", "tts", on: session)
        #expect(session.calls == [.playback("after.wav")])
        #expect(harness.logged(.error) == ["phrase tts: speak-text: no TTS engine is available"])
    }
}
