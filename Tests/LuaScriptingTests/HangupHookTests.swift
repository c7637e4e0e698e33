import Testing
import LuaScripting
import SwitchCore

@Suite struct HangupHookTests {
    @Test func callerHangupWhileWaitingEndsTheWaitAndRunsTheHook() async {
        let report = await ScriptHarness().run("""
            function on_hangup(s, why, arg)
              freeswitch.consoleLog("info", "hook " .. why .. " " .. arg .. " ready=" .. tostring(s:ready()))
              return "logged"
            end
            hook_arg = "A"
            session:setHangupHook("on_hangup", "hook_arg")
            session:answer()
            local d = session:getDigits(4, "#", 5000)
            freeswitch.consoleLog("info", "after wait [" .. d .. "] ready=" .. tostring(session:ready()))
            """, digits: "!")
        #expect(report.outcome == .completed)
        #expect(report.transcript == [
            "answered", "caller hung up", "hangup NORMAL_CLEARING",
            "log INFO hook hangup A ready=false", "set lua_hangup_hook_return_val=logged",
            "log INFO after wait [] ready=false",
        ])
    }

    @Test func hookReturningExitAbortsTheScript() async {
        // A script that loops forever: the simulated caller hangs up at the virtual time limit.
        let report = await ScriptHarness().run("""
            function on_hangup(s, why) return "exit" end
            session:setHangupHook("on_hangup")
            while session:ready() do session:sleep(1000) end
            freeswitch.consoleLog("info", "never")
            """)
        #expect(report.outcome == .exited)
        #expect(report.lines("log INFO never").isEmpty)
        #expect(report.elapsed == .seconds(3600))
        let scripted = await ScriptHarness().run("""
            function on_hangup(s, why) return "die" end
            session:setHangupHook("on_hangup")
            session:hangup("CALL_REJECTED")
            freeswitch.consoleLog("info", "never")
            """)
        #expect(scripted.outcome == .exited)
        #expect(scripted.lines("log INFO never").isEmpty)
        #expect(scripted.transcript.contains("hangup CALL_REJECTED"))
        #expect(scripted.transcript.contains("set lua_hangup_hook_return_val=die"))
    }

    @Test func transferRunsTheHookWithTransfer() async {
        let report = await ScriptHarness().run("""
            function on_hangup(s, why) freeswitch.consoleLog("info", "hook " .. why) end
            session:setHangupHook("on_hangup")
            session:transfer("9196")
            """)
        #expect(report.lines("log INFO") == ["log INFO hook transfer"])
        #expect(report.transcript.contains("transfer 9196 XML default"))
    }
}
