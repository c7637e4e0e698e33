import Testing
import LuaScripting
import SwitchCore

@Suite struct DigitTests {
    @Test func getDigitsStopsAtMaxTerminatorOrTimeout() async {
        let report = await ScriptHarness().run("""
            local a = session:getDigits(3, "#", 3000)
            local b = session:getDigits(5, "#", 3000)
            local c = session:getDigits(2, "", 3000, 1000, 10000)
            freeswitch.consoleLog("info", a .. "|" .. b .. "|" .. c .. "|" .. session:getVariable("read_terminator_used"))
            """, digits: "1234 56# -")
        #expect(report.transcript == [
            "caller pressed 1234", "collected 123", "caller pressed 56#", "collected 456 (terminator #)",
            "collected nothing (timeout)", "log INFO 123|456||#", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func digitsPressedDuringPlainPlaybackStayBuffered() async {
        // Without an input callback, streamFile does not take digits; the next getDigits finds them.
        let report = await ScriptHarness().run("""
            session:streamFile("ivr/welcome.wav")
            local d = session:getDigits(1, "", 2000)
            session:flushDigits()
            local e = session:getDigits(1, "", 2000)
            freeswitch.consoleLog("info", d .. "|" .. e)
            """, digits: "42")
        #expect(report.transcript == [
            "played ivr/welcome.wav", "caller pressed 42", "collected 4", "flushed 1 digit(s)",
            "collected nothing (timeout)", "log INFO 4|", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func readTakesMinMaxFileTimeoutTerminatorsInThatOrder() async {
        let report = await ScriptHarness().run("""
            local d = session:read(2, 5, "ivr/please_enter_extension.wav", 5000, "#")
            local r1 = session:getVariable("read_result")
            local e = session:read(2, 4, "ivr/please_enter_extension.wav", 5000, "#", 2000)
            freeswitch.consoleLog("info", d .. " " .. r1 .. " [" .. e .. "] " .. session:getVariable("read_result"))
            """, digits: "1001# -")
        #expect(report.transcript == [
            "caller pressed 1001#", "played ivr/please_enter_extension.wav (interrupted)",
            "collected 1001 (terminator #)", "set read_result=success",
            "played ivr/please_enter_extension.wav", "collected nothing (timeout)", "set read_result=timeout",
            "log INFO 1001 success [] timeout", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func playAndGetDigitsValidatesRetriesAndSetsVariables() async {
        // Lua order: min, max, tries, timeout, terminators, file, invalid_file, regex, var_name, digit_timeout.
        let report = await ScriptHarness().run("""
            local d = session:playAndGetDigits(1, 1, 3, 3000, "#", "ivr/welcome.wav", "ivr/invalid_entry.wav",
              "^[123]$", "choice")
            freeswitch.consoleLog("info", d .. " " .. session:getVariable("choice") .. " "
              .. session:getVariable("choice_invalid") .. " " .. session:getVariable("read_result"))
            """, digits: "7 - 2")
        #expect(report.transcript == [
            "caller pressed 7", "played ivr/welcome.wav (interrupted)", "collected 7", "set choice_invalid=7",
            "played ivr/invalid_entry.wav",
            "played ivr/welcome.wav", "collected nothing (timeout)", "played ivr/invalid_entry.wav",
            "caller pressed 2", "played ivr/welcome.wav (interrupted)", "collected 2", "set choice=2",
            "set read_result=success", "log INFO 2 2 7 success", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func playAndGetDigitsFailureReturnsEmptyAndTransfers() async {
        let report = await ScriptHarness().run("""
            local d = session:playAndGetDigits(2, 4, 2, 3000, "#", "ivr/welcome.wav", "", "\\\\d+", "ext", 0,
              "operator XML default")
            freeswitch.consoleLog("info", "[" .. d .. "] " .. session:getVariable("read_result"))
            """, digits: "- -")
        #expect(report.transcript == [
            "played ivr/welcome.wav", "collected nothing (timeout)",
            "played ivr/welcome.wav", "collected nothing (timeout)",
            "set read_result=timeout", "transfer operator XML default", "log INFO [] timeout",
            "routed to operator in XML/default", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func badArgumentsRaiseLuaErrorsCatchableByPcall() async {
        let report = await ScriptHarness().run("""
            local ok, err = pcall(function() return session:getDigits("x") end)
            freeswitch.consoleLog("info", tostring(ok) .. " " .. err)
            local ok2, err2 = pcall(session.playAndGetDigits, session, 1, 1, 1, 1000, "#", "f", "", "([")
            freeswitch.consoleLog("info", tostring(ok2) .. " " .. err2)
            """)
        #expect(report.lines("log INFO") == [
            "log INFO false inline:1: getDigits: expected (max, terminators, timeout [, interdigit [, abs_timeout]])",
            "log INFO false playAndGetDigits: invalid regex [([]",
        ])
    }
}
