import Foundation
import Testing
import LuaScripting
import SwitchCore

/// `freeswitch.Session()` + `session:originate(a_leg, dialstring [, timeout])` (compat §4.3).
@Suite struct CoreSessionOriginateTests {
    private func commands(_ originate: @escaping @Sendable (String, Duration) async -> LuaOriginateResult) -> APICommandRegistry {
        var environment = LuaEnvironment(scriptsDirectory: "/", soundsDirectory: "/")
        environment.originate = originate
        var commands = APICommandRegistry()
        ModLua(environment: environment).registerCommands(into: &commands)
        return commands
    }

    @Test func anEmptyObjectOriginatesAndBecomesTheAnsweredLeg() async {
        let leg = makeSession("b-leg")
        await leg.start()
        let dialed = DialLog()
        let registry = commands { dialString, timeout in
            dialed.append("\(dialString) \(timeout)")
            try? await leg.answer()
            return .answered(leg)
        }
        let out = await registry.execute("""
            lua ~local s = freeswitch.Session() \
            stream:write(tostring(s:ready()) .. ' ' .. tostring(s:answered()) .. ' ' .. s:hangupCause() .. ' ' \
              .. tostring(s.uuid) .. ' | ') \
            local r = s:originate(nil, 'user/1000', 20) \
            s:setVariable('x', 'y') \
            stream:write(r .. ' ' .. tostring(s:ready()) .. ' ' .. tostring(s:answered()) .. ' ' .. s.uuid \
              .. ' ' .. s:get_uuid() .. ' ' .. s:originate(nil, 'user/1001'))
            """)
        #expect(out == "false false NONE nil | 0 true true b-leg b-leg 1")
        #expect(dialed.all == ["user/1000 20.0 seconds"], "a second originate on a used object dials nothing")
        #expect(await leg.variable("x") == "y")
        #expect(await leg.isHungUp, "the originated leg is hung up when the script ends")
    }

    @Test func aFailedOriginateReturnsOneGivesTheCauseAndMayBeRetried() async {
        let dialed = DialLog()
        let registry = commands { dialString, timeout in
            dialed.append("\(dialString) \(timeout)")
            return .failed(dialed.all.count == 1 ? .userBusy : .noAnswer)
        }
        let out = await registry.execute("""
            lua ~local s = freeswitch.Session() \
            local r = s:originate(nil, 'user/1000') \
            stream:write(r .. ' ' .. tostring(s:ready()) .. ' ' .. s:hangupCause() .. ' ' .. s:answer()) \
            r = s:originate(nil, 'user/1001', 0) \
            stream:write(' ' .. r .. ' ' .. s:hangupCause())
            """)
        #expect(out == "1 false USER_BUSY 0 1 NO_ANSWER")
        #expect(dialed.all == ["user/1000 60.0 seconds", "user/1001 60.0 seconds"])
    }

    @Test func theALegLendsItsCallerIDUnlessTheDialStringSetsIt() async {
        let dialed = DialLog()
        var environment = LuaEnvironment(
            scriptsDirectory: repositoryRoot + "/scripts", soundsDirectory: repositoryRoot + "/sounds")
        environment.originate = { dialString, _ in
            dialed.append(dialString)
            return .failed(.noAnswer)
        }
        let report = await LuaSimulation(environment: environment).run("""
            ~local b = freeswitch.Session()
            b:originate(session, '{x=1}user/1001')
            b:originate(session, '{origination_caller_id_number=77}user/1002', 5)
            b:originate(nil, 'user/1003')
            """)
        #expect(report.outcome == .completed)
        #expect(dialed.all == [
            "{origination_caller_id_name=Simulated Caller,origination_caller_id_number=1000,x=1}user/1001",
            "{origination_caller_id_name=Simulated Caller,origination_caller_id_number=77}user/1002",
            "user/1003",
        ])
    }

    @Test func originateNeedsADialStringAndAHost() async {
        var commands = APICommandRegistry()
        ModLua(environment: LuaEnvironment(scriptsDirectory: "/", soundsDirectory: "/")).registerCommands(into: &commands)
        let out = await commands.execute("""
            lua ~local s = freeswitch.Session() \
            local ok1, e1 = pcall(s.originate, s, nil) \
            local ok2, e2 = pcall(s.originate, s, nil, 'user/1000') \
            stream:write(e1 .. '|' .. e2)
            """)
        #expect(out.contains("originate: expected (a_leg_session_or_nil, dialstring [, timeout])"), "\(out)")
        #expect(out.contains("originate: originate is not available in this host"), "\(out)")
    }
}

/// `other:waitForAnswer(calling_session)`: returns once `other` is answered or hung up, or after `call_timeout`.
@Suite struct WaitForAnswerTests {
    @Test func anUnansweredLegIsWaitedForUntilTheCallTimeout() async {
        let report = await ScriptHarness().run("""
            session:setVariable("call_timeout", "5")
            session:waitForAnswer(session)
            freeswitch.consoleLog("info", "after wait: " .. tostring(session:answered()))
            session:answer()
            session:waitForAnswer(session)
            freeswitch.consoleLog("info", "answered: " .. tostring(session:answered()))
            """)
        #expect(report.lines("log INFO") == ["log INFO after wait: false", "log INFO answered: true"])
        #expect(report.elapsed == .seconds(5), "the second wait returns at once")
    }

    @Test func aLegAnsweredDuringTheWaitEndsIt() async throws {
        try await waitEnds(by: { try await $0.answer() }, expecting: "true true")
    }

    @Test func aLegHungUpDuringTheWaitEndsIt() async throws {
        try await waitEnds(by: { await $0.hangup(.originatorCancel) }, expecting: "false false")
    }

    /// Runs `b:waitForAnswer(b)` on a ringing leg with a real clock (60 s limit) and does `change` to the leg once
    /// the script is waiting on the bus.
    private func waitEnds(by change: @escaping @Sendable (Session) async throws -> Void, expecting: String) async throws {
        let bus = EventBus()
        let leg = makeSession("ringing-leg", bus: bus)
        await leg.start()
        try await leg.ringReady()
        let environment = LuaEnvironment(
            scriptsDirectory: "/", soundsDirectory: "/", findSession: { $0 == "ringing-leg" ? leg : nil },
            eventBus: bus)
        var commands = APICommandRegistry()
        ModLua(environment: environment).registerCommands(into: &commands)
        let changer = Task {
            while bus.subscriberCount == 0 { await Task.yield() }
            try await change(leg)
        }
        let started = ContinuousClock.now
        let out = await commands.execute("""
            lua ~local b = freeswitch.Session('ringing-leg') b:waitForAnswer(b) \
            stream:write(tostring(b:answered()) .. ' ' .. tostring(b:ready()))
            """)
        try await changer.value
        #expect(out == expecting)
        #expect(ContinuousClock.now - started < .seconds(30), "the wait ended before its 60 s limit")
    }

    @Test func waitForAnswerNeedsTheCallingSession() async {
        let report = await ScriptHarness().run("""
            local ok, err = pcall(session.waitForAnswer, session)
            freeswitch.consoleLog("info", err)
            """)
        #expect(report.lines("log INFO").first?.contains("waitForAnswer: expected the calling session object") == true)
    }
}
