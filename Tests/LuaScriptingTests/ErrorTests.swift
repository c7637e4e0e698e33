import Testing
import LuaScripting
import SwitchCore

@Suite struct ErrorTests {
    @Test func runtimeErrorIsLoggedWithFileLineAndTracebackAndTheCallGoesOn() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("broken.lua", """
            session:answer()
            local function lookup(t) return t.missing.field end
            lookup({})
            session:streamFile("ivr/never.wav")
            """)
        let report = await ScriptHarness(scriptsDirectory: directory.path).runFile("broken.lua")
        guard case .failed(let message) = report.outcome else {
            Issue.record("expected a failure, got \(report.outcome)")
            return
        }
        #expect(message.hasPrefix("broken.lua:2: attempt to index a nil value (field 'missing')"))
        #expect(message.contains("stack traceback:"))
        #expect(message.contains("broken.lua:3:"))
        #expect(report.transcript.first == "answered")
        #expect(report.lines("played").isEmpty)
        #expect(report.transcript.last == "hangup NORMAL_CLEARING")
    }

    @Test func syntaxErrorAndMissingScriptAreReported() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("syntax.lua", "local x = = 1")
        let harness = ScriptHarness(scriptsDirectory: directory.path)
        let syntax = await harness.runFile("syntax.lua")
        #expect(syntax.outcome == .failed(message: "syntax.lua:1: unexpected symbol near '='"))
        let missing = await harness.runFile("missing.lua")
        #expect(missing.outcome == .failed(message: "cannot open script [missing.lua]"))
    }

    @Test func runawayLoopIsStoppedWithItsPosition() async {
        let report = await ScriptHarness().run("""
            session:answer()
            local n = 0
            while true do n = n + 1 end
            """)
        guard case .failed(let message) = report.outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(message.hasPrefix("inline:3: instruction budget exceeded"))
    }

    @Test func budgetAppliesPerResumeSoLongScriptsThatWaitRun() async {
        // 30 × 500k instructions is more than one budget (10M) but each slice between waits is below it.
        let report = await ScriptHarness().run("""
            for i = 1, 30 do
              local s = 0
              for j = 1, 100000 do s = s + j end
              session:sleep(10)
            end
            freeswitch.consoleLog("info", "done")
            """)
        #expect(report.outcome == .completed)
        #expect(report.lines("log INFO") == ["log INFO done"])
    }

    @Test func pcallAcrossYieldsAndWaitsInScriptCoroutinesAreRefused() async {
        let report = await ScriptHarness().run("""
            local ok, value = pcall(function()
              session:sleep(100)
              return session:getVariable("caller_id_number")
            end)
            freeswitch.consoleLog("info", tostring(ok) .. " " .. value)
            local co = coroutine.create(function() session:sleep(100) end)
            local ok2, err2 = coroutine.resume(co)
            freeswitch.consoleLog("info", tostring(ok2) .. " " .. err2)
            local ok3, err3 = pcall(function()
              return table.sort({ 3, 1, 2 }, function(a, b) session:getVariable("x") return a < b end)
            end)
            freeswitch.consoleLog("info", tostring(ok3) .. " " .. err3)
            """)
        #expect(report.lines("log INFO") == [
            "log INFO true 1000",
            "log INFO false inline:6: sleep cannot wait inside a coroutine created by the script",
            "log INFO false inline:10: getVariable cannot wait here (attempt to yield across a C-call boundary)",
        ])
    }
}

@Suite struct HungUpLoopTests {
    @Test func scriptLoopingOnWaitsAfterHangupIsStopped() async {
        let report = await ScriptHarness().run("""
            session:hangup()
            local n = 0
            while true do
              session:sleep(100)
              n = n + 1
            end
            """)
        guard case .failed(let message) = report.outcome else {
            Issue.record("expected the budget to stop the loop, got \(report.outcome)")
            return
        }
        #expect(message.contains("instruction budget exceeded"))
    }
}
