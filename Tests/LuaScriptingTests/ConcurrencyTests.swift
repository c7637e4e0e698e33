import Foundation
import Testing
import LuaScripting
import SwitchCore

/// Threads of this process (Linux: one entry per task under /proc/self/task).
func threadCount() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1
}

@Suite(.serialized) struct ConcurrencyTests {
    /// The point of the coroutine design: scripts that wait hold no thread. Real time and real sleeps here.
    @Test func twoThousandScriptsSleepingAtOnceDoNotAddThreads() async throws {
        let module = ModLua(environment: LuaEnvironment(scriptsDirectory: "/", soundsDirectory: "/"))
        let sessions = (0..<2000).map { makeSession("leg-\($0)") }
        let before = threadCount()
        let during = await withTaskGroup(of: Void.self, returning: (threads: Int, active: Int).self) { group in
            for session in sessions {
                group.addTask {
                    await module.runApplication("~session:sleep(1500) session:setVariable('slept', 'yes')", on: session)
                }
            }
            var waited = 0
            while module.activeScripts < 2000, waited < 1000 {
                try? await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
            let sample = (threadCount(), module.activeScripts)
            await group.waitForAll()
            return sample
        }
        #expect(during.active == 2000)
        #expect(during.threads - before < 16, "threads before \(before), during \(during.threads)")
        #expect(module.activeScripts == 0)
        #expect(await sessions[1999].variable("slept") == "yes")
    }

    @Test func hangupWhileWaitingEndsTheScriptAndFreesItsState() async throws {
        let module = ModLua(environment: LuaEnvironment(scriptsDirectory: "/", soundsDirectory: "/"))
        var registry = ApplicationRegistry()
        registry.register("lua") { session, data in await module.runApplication(data.text, on: session) }
        let session = makeSession()
        await session.start()
        let script = """
            ~function bye(s, why) freeswitch.setGlobalVariable("unused", why) end
            session:setHangupHook("bye")
            session:sleep(60000)
            session:setVariable("after_sleep", tostring(session:ready()))
            """
        let execution = await session.startExecution([ApplicationInvocation("lua", script)], registry: registry)
        while module.activeScripts == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let started = ContinuousClock.now
        await session.hangup(.normalClearing)
        #expect(await execution.value == .hungUp)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(module.activeScripts == 0)
        #expect(await session.variable("after_sleep") == "false")
    }
}
