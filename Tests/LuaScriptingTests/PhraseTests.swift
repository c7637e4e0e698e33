import Foundation
import Testing
import LuaScripting
import Phrases
import SwitchCore

/// `session:sayPhrase` and `streamFile("phrase:…")` in a simulated call, over the shipped `phrases/` folder and
/// a few macros of the tests' own.
@Suite struct PhraseTests {
    static let extra = """
        <include>
          <language name="en">
            <macros name="test">
              <macro name="menu" pause="0">
                <input pattern="^(\\d+)$">
                  <match>
                    <action function="play-file" data="ivr/welcome.wav"/>
                    <action function="execute" data="set(picked=$1)"/>
                    <action function="phrase" phrase="spell" data="$1"/>
                    <action function="play-file" data="${closing}"/>
                  </match>
                </input>
              </macro>
              <macro name="broken" pause="0">
                <input><match>
                  <action function="play-file" data="missing.wav"/><action function="play-file" data="ivr/goodbye.wav"/>
                </match></input>
              </macro>
            </macros>
          </language>
          <language name="fr" sound-prefix="/sons/fr">
            <macro name="voicemail_ack" pause="0"><input><match><action function="play-file" data="enregistre.wav"/></match></input></macro>
          </language>
        </include>
        """

    static func book() throws -> PhraseBook {
        var book = try PhraseLoader().load(directory: repositoryRoot + "/phrases")
        for language in try PhraseLoader().parse(Data(extra.utf8), file: "extra.xml", language: nil) {
            book.add(language)
        }
        return book
    }

    @Test func sayPhraseAndStreamFilePlayTheMacroSteps() async throws {
        let report = await ScriptHarness(phrases: try Self.book()).run("""
            session:answer()
            session:sayPhrase("voicemail_message_count", "12:new")
            local r = session:streamFile("phrase:voicemail_ack:saved")
            freeswitch.consoleLog("info", "r=" .. r)
            """)
        #expect(report.transcript == [
            "answered",
            "played voicemail/you_have.wav", "played digits/1.wav", "played digits/2.wav",
            "played voicemail/new_messages.wav",
            "played voicemail/message_saved.wav",
            "log INFO r=1",
            "hangup NORMAL_CLEARING",
        ])
        // Default pause 100 ms after each of the 4 + 1 actions, besides the files' own lengths.
        #expect(report.elapsed > .milliseconds(500))
    }

    /// The French macro's file is under its language's sound prefix (which does not exist here, so the
    /// simulated port reports it not found).
    @Test func languageArgumentChannelVariablesExecuteAndNesting() async throws {
        let report = await ScriptHarness(phrases: try Self.book()).run("""
            session:sayPhrase("voicemail_ack", "saved", "fr")
            session:setVariable("closing", "ivr/goodbye.wav")
            session:sayPhrase("menu@test", "42")
            session:setVariable("default_language", "fr")
            session:streamFile("phrase:voicemail_ack")
            """)
        #expect(report.transcript == [
            "not found /sons/fr/enregistre.wav",
            "set closing=ivr/goodbye.wav",
            "played ivr/welcome.wav",
            "execute set picked=42", "set picked=42",
            "played digits/4.wav", "played digits/2.wav",
            "played ivr/goodbye.wav",
            "set default_language=fr",
            "not found /sons/fr/enregistre.wav",
            "hangup NORMAL_CLEARING",
        ])
    }

    @Test func inputCallbackBreakEndsTheWholeMacro() async throws {
        let report = await ScriptHarness(phrases: try Self.book()).run("""
            function on_input(s, kind, data) return "break" end
            session:setInputCallback("on_input")
            local r = session:streamFile("phrase:voicemail_message_count:3:saved")
            freeswitch.consoleLog("info", "r=" .. r)
            """, digits: "5")
        #expect(report.transcript == [
            "caller pressed 5", "played voicemail/you_have.wav", "dtmf 5 to input callback", "callback: stop",
            "log INFO r=0", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func missingFileEndsTheMacro() async throws {
        let report = await ScriptHarness(phrases: try Self.book()).run("""
            local r = session:streamFile("phrase:broken@test")
            freeswitch.consoleLog("info", "r=" .. r)
            """)
        #expect(report.transcript == ["not found missing.wav", "log INFO r=0", "hangup NORMAL_CLEARING"])
    }

    @Test func unknownMacroIsLoggedAndTheScriptGoesOn() async throws {
        let report = await ScriptHarness(phrases: try Self.book()).run("""
            session:sayPhrase("no_such_macro", "1")
            session:sayPhrase("voicemail_ack", "saved", "xx")
            freeswitch.consoleLog("info", "still here")
            """)
        #expect(report.transcript == [
            "log ERR inline: sayPhrase: no phrase macro [no_such_macro] in language [en]",
            "log ERR inline: sayPhrase: no phrase language [xx] (for macro [voicemail_ack])",
            "log INFO still here",
            "hangup NORMAL_CLEARING",
        ])
    }
}
