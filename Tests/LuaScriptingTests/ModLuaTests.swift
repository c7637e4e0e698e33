import Foundation
import Synchronization
import Testing
import LuaScripting
import SwitchCore

/// A channel driver that does nothing: sessions for tests that need no transcript.
struct SilentDriver: ChannelDriver {
    func ringReady() async throws {}
    func preAnswer() async throws {}
    func answer() async throws {}
    func hangup(_ cause: HangupCause) async {}
}

func makeSession(_ uuid: String = UUID().uuidString, bus: EventBus = EventBus()) -> Session {
    Session(
        uuid: uuid, direction: .inbound, profile: CallerProfile(destinationNumber: "5000", callerIDNumber: "1000", uuid: uuid),
        driver: SilentDriver(), environment: SessionEnvironment(eventBus: bus, coreUUID: "core", hostname: "test"))
}

@Suite struct ModLuaTests {
    @Test func luaApplicationRunsFromTheDialplanAndTheDialplanContinues() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("mark.lua", "session:setVariable('marked', argv[1] .. '/' .. session:getVariable('step'))")
        var registry = ApplicationRegistry()
        registry.register("set") { session, data in
            let parts = data.text.split(separator: "=", maxSplits: 1).map(String.init)
            await session.setVariable(parts[0], parts.count > 1 ? parts[1] : nil, origin: .system)
        }
        ModLua.register(into: &registry, environment: LuaEnvironment(scriptsDirectory: directory.path, soundsDirectory: "/"))
        let session = makeSession()
        await session.start()
        let outcome = await session.run([
            ApplicationInvocation("set", "step=1"), ApplicationInvocation("lua", "mark.lua yes"),
            ApplicationInvocation("lua", "~session:execute('set', 'after=' .. session:getVariable('marked'))"),
        ], registry: registry)
        #expect(outcome == .completed)
        #expect(await session.variable("marked") == "yes/1")
        #expect(await session.variable("after") == "yes/1")
    }

    @Test func apiCommandLuaReturnsWhatTheScriptWrote() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("hello.lua", "stream:write('hello ' .. argv[1] .. '\\n')")
        try directory.write("fail.lua", "stream:write('partial\\n') error('boom')")
        let module = ModLua(environment: LuaEnvironment(scriptsDirectory: directory.path, soundsDirectory: "/"))
        var commands = APICommandRegistry()
        module.registerCommands(into: &commands)
        #expect(await commands.execute("lua hello.lua world") == "hello world\n")
        #expect(await commands.execute("lua ~stream:write(1 + 2)") == "3")
        #expect(await commands.execute("lua fail.lua") == "partial\n-ERR Cannot execute script\n")
        #expect(module.activeScripts == 0)
    }

    @Test func luarunReturnsAtOnceAndRunsInTheBackground() async throws {
        let globals = GlobalVariables()
        let module = ModLua(environment: LuaEnvironment(
            scriptsDirectory: "/", soundsDirectory: "/", globals: globals))
        #expect(module.runInBackground("~freeswitch.msleep(20) freeswitch.setGlobalVariable('bg', argv[0])") == "+OK\n")
        #expect(module.runInBackground("  ") == "-ERR no script name\n")
        for _ in 0..<500 where globals["bg"] == nil {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(globals["bg"] == "inline")
    }
}
