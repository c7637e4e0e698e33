import Testing
import LuaScripting
import SwitchCore

@Suite struct SessionBasicsTests {
    @Test func answerPlayAndHangupAppearInOrder() async {
        let report = await ScriptHarness().run("""
            session:answer()
            session:streamFile("ivr/welcome.wav")
            freeswitch.consoleLog("info", "uuid " .. session:get_uuid() .. " " .. session.uuid)
            session:hangup("USER_BUSY")
            """)
        #expect(report.outcome == .completed)
        #expect(report.transcript == [
            "answered", "played ivr/welcome.wav",
            "log INFO uuid 5e55a0b1-0000-4000-8000-000000000001 5e55a0b1-0000-4000-8000-000000000001",
            "hangup USER_BUSY",
        ])
        #expect(report.elapsed > .seconds(1))
    }

    @Test func stateQueriesFollowTheCall() async {
        let report = await ScriptHarness().run("""
            local function show(tag)
              freeswitch.consoleLog("info", string.format("%s ready=%s answered=%s media=%s bridged=%s state=%s",
                tag, tostring(session:ready()), tostring(session:answered()), tostring(session:mediaReady()),
                tostring(session:bridged()), session:getState()))
            end
            show("start")
            session:preAnswer()
            show("early")
            session:answer()
            show("up")
            session:hangup()
            show("down")
            freeswitch.consoleLog("info", "cause " .. session:hangupCause())
            """)
        #expect(report.lines("log") == [
            "log INFO start ready=true answered=false media=false bridged=false state=CS_EXECUTE",
            "log INFO early ready=true answered=false media=true bridged=false state=CS_EXECUTE",
            "log INFO up ready=true answered=true media=true bridged=false state=CS_EXECUTE",
            "log INFO down ready=false answered=false media=false bridged=false state=CS_DESTROY",
            "log INFO cause NORMAL_CLEARING",
        ])
        #expect(report.lines("hangup") == ["hangup NORMAL_CLEARING"])
    }

    @Test func variablesRoundTripAndChannelVariablesAreVisible() async {
        let report = await ScriptHarness().run("""
            session:setVariable("menu_choice", "3")
            local v = session:getVariable("menu_choice")
            local missing = session:getVariable("nope")
            freeswitch.consoleLog("notice", v .. " " .. tostring(missing) .. " " .. session:getVariable("lang")
              .. " " .. session:getVariable("caller_id_number") .. " " .. session:getVariable("destination_number"))
            """, variables: ["lang": "en"])
        #expect(report.lines("set") == ["set menu_choice=3"])
        #expect(report.lines("log") == ["log NOTICE 3 nil en 1000 5000"])
    }

    @Test func executeRunsDialplanApplicationsWithExpandedData() async {
        let report = await ScriptHarness().run("""
            session:execute("set", "greeting=ivr/${lang}.wav")
            session:execute("playback", "${greeting}")
            session:execute("no_such_app", "x")
            freeswitch.consoleLog("info", session:getVariable("current_application_response"))
            """, variables: ["lang": "welcome"])
        #expect(report.transcript.contains("execute set greeting=ivr/welcome.wav"))
        #expect(report.transcript.contains("execute playback ivr/welcome.wav"))
        #expect(report.transcript.contains("played ivr/welcome.wav"))
        #expect(report.transcript.contains { $0.hasPrefix("log ERR") && $0.contains("no_such_app") })
        #expect(report.lines("log INFO") == ["log INFO FILE PLAYED"])
    }

    @Test func argvPackagePathAndOsExit() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("helper.lua", "return { twice = function(x) return x * 2 end }")
        try directory.write("main.lua", """
            local helper = require("helper")
            freeswitch.consoleLog("info", argv[0] .. " " .. #argv .. " " .. argv[1] .. "|" .. argv[2]
              .. " " .. helper.twice(21))
            os.exit(1)
            freeswitch.consoleLog("info", "still running")
            """)
        let report = await ScriptHarness(scriptsDirectory: directory.path).runFile("main.lua one 'two words'")
        #expect(report.outcome == .completed)
        #expect(report.lines("log INFO") == ["log INFO main.lua 2 one|two words 42", "log INFO still running"])
        #expect(report.transcript.contains { $0.hasPrefix("log ERR") && $0.contains("os.exit is disabled") })
    }

    @Test func transferEndsTheScriptsHoldOnTheCall() async {
        let report = await ScriptHarness().run("""
            session:answer()
            session:transfer("1001", "XML", "default")
            freeswitch.consoleLog("info", "ready after transfer: " .. tostring(session:ready()))
            """)
        #expect(report.transcript == [
            "answered", "transfer 1001 XML default", "log INFO ready after transfer: false",
            "routed to 1001 in XML/default", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func sayPlaysDigitFilesAndSleepTakesVirtualTime() async {
        let report = await ScriptHarness().run("""
            session:say("12#", "en", "number", "iterated")
            session:sleep(1500)
            """)
        #expect(report.lines("played") == ["played digits/1.wav", "played digits/2.wav", "played digits/pound.wav"])
        #expect(report.elapsed >= .milliseconds(1500))
    }

    @Test func setAutoHangupHangsUpAtScriptEnd() async {
        let report = await ScriptHarness().run("session:setAutoHangup(true)")
        #expect(report.lines("hangup") == ["hangup NORMAL_CLEARING"])
    }
}

@Suite struct ReportTextTests {
    @Test func reportTextEndsWithOutcomeAndVirtualLength() async {
        let report = await ScriptHarness().run("session:answer() session:sleep(1250)")
        #expect(report.text == "answered\nhangup NORMAL_CLEARING\nscript completed\ncall length 1.2 s (virtual time)\n")
    }
}
