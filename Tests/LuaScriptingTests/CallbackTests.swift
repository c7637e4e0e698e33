import Testing
import LuaScripting
import SwitchCore

@Suite struct CallbackTests {
    @Test func inputCallbackGetsDigitTableAndArgumentAndBreakStopsPlayback() async {
        let report = await ScriptHarness().run("""
            seen = {}
            cb_arg = "menu"
            function on_input(s, kind, data, arg)
              table.insert(seen, kind .. ":" .. data.digit .. ":" .. tostring(data.duration) .. ":" .. arg
                .. ":" .. tostring(s == session))
              if data.digit == "5" then return "break" end
            end
            session:setInputCallback("on_input", "cb_arg")
            local r = session:streamFile("ivr/welcome.wav")
            freeswitch.consoleLog("info", table.concat(seen, ",") .. " r=" .. r)
            """, digits: "345")
        #expect(report.transcript == [
            "caller pressed 345", "played ivr/welcome.wav",
            "dtmf 3 to input callback", "dtmf 4 to input callback", "dtmf 5 to input callback", "callback: stop",
            "log INFO dtmf:3:640:menu:true,dtmf:4:640:menu:true,dtmf:5:640:menu:true r=0",
            "hangup NORMAL_CLEARING",
        ])
    }

    @Test func continueRepliesLetPlaybackFinishAndUnsetStopsDelivery() async {
        let report = await ScriptHarness().run("""
            function on_input(s, kind, data) if data.digit == "1" then return "true" end return nil end
            session:setInputCallback("on_input")
            local r = session:streamFile("ivr/goodbye.wav")
            session:unsetInputCallback()
            session:streamFile("ivr/goodbye.wav")
            freeswitch.consoleLog("info", "r=" .. r .. " left=" .. session:getDigits(1, "", 1000))
            """, digits: "12 9")
        #expect(report.transcript == [
            "caller pressed 12", "played ivr/goodbye.wav",
            "dtmf 1 to input callback", "dtmf 2 to input callback",
            "played ivr/goodbye.wav", "caller pressed 9", "collected 9",
            "log INFO r=1 left=9", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func fileControlRepliesReachTheMedia() async {
        let report = await ScriptHarness().run("""
            local replies = { ["1"] = "pause", ["2"] = "pause", ["3"] = "restart", ["4"] = "seek:+500",
              ["5"] = "speed:-1", ["6"] = "volume:3", ["7"] = "stop" }
            function on_input(s, kind, data) return replies[data.digit] end
            session:setInputCallback("on_input")
            session:streamFile("music/hold_loop.wav")
            """, digits: "1234567")
        #expect(report.lines("callback") == [
            "callback: pause", "callback: pause", "callback: restart", "callback: seek(milliseconds: 500, relative: true)",
            "callback: speed(-1, relative: true)", "callback: volume(3, relative: false)", "callback: stop",
        ])
    }

    @Test func sleepAndRecordFileHonourTheCallback() async {
        let report = await ScriptHarness().run("""
            function on_input(s, kind, data) return "break" end
            session:setInputCallback("on_input")
            local a = session:sleep(5000)
            local b = session:recordFile("/tmp/never-written.wav", 30)
            freeswitch.consoleLog("info", a .. " " .. b)
            """, digits: "1 2")
        #expect(report.transcript == [
            "caller pressed 1", "sleep 5.0 seconds", "dtmf 1 to input callback", "callback: stop",
            "caller pressed 2", "recording /tmp/never-written.wav (simulated, no file written)",
            "dtmf 2 to input callback", "callback: stop", "log INFO 0 0", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func callbackThatWaitsOrFailsBreaksTheOperation() async {
        let report = await ScriptHarness().run("""
            function on_input(s, kind, data)
              freeswitch.consoleLog("info", "caller " .. s:getVariable("caller_id_number"))
              s:streamFile("ivr/goodbye.wav")
            end
            session:setInputCallback("on_input")
            local r = session:streamFile("ivr/welcome.wav")
            freeswitch.consoleLog("info", "r=" .. r)
            """, digits: "1")
        #expect(report.lines("log INFO") == ["log INFO caller 1000", "log INFO r=0"])
        #expect(report.transcript.contains {
            $0.hasPrefix("log ERR") && $0.contains("streamFile cannot wait inside an input callback")
        })
        #expect(report.lines("callback") == ["callback: stop"])
    }
}

@Suite struct CollectDigitsTests {
    @Test func collectDigitsFeedsTheCallbackUntilItBreaks() async {
        let report = await ScriptHarness().run("""
            got = ""
            function on_input(s, kind, data)
              got = got .. data.digit
              if data.digit == "#" then return "break" end
            end
            local ok = pcall(session.collectDigits, session, 5000)
            session:setInputCallback("on_input")
            local r = session:collectDigits(2000, 10000)
            session:speak("hello")
            freeswitch.consoleLog("info", tostring(ok) .. " " .. got .. " " .. r)
            """, digits: "12#")
        #expect(report.transcript == [
            "caller pressed 12#", "sleep 10.0 seconds", "dtmf 1 to input callback", "dtmf 2 to input callback",
            "dtmf # to input callback", "callback: stop", "log ERR inline: speak: no TTS engine is available",
            "log INFO false 12# 0", "hangup NORMAL_CLEARING",
        ])
    }
}
