import Foundation
import Synchronization
import Testing
import LuaScripting
import SwitchCore

@Suite struct OriginateTests {
    @Test func aFailedOriginateGivesASessionThatIsNotReadyWithTheCause() async {
        var environment = LuaEnvironment(scriptsDirectory: "/", soundsDirectory: "/")
        let dialed = DialLog()
        environment.originate = { dialString, timeout in
            dialed.append("\(dialString) \(timeout)")
            return .failed(.userBusy)
        }
        var commands = APICommandRegistry()
        ModLua(environment: environment).registerCommands(into: &commands)
        let out = await commands.execute("""
            lua ~local s = freeswitch.Session('{origination_caller_id_number=9}user/1000') \
            stream:write(tostring(s:ready()) .. ' ' .. s:hangupCause() .. ' ' .. tostring(s:answer()))
            """)
        #expect(out == "false USER_BUSY 0")
        #expect(dialed.all == ["{origination_caller_id_number=9}user/1000 60.0 seconds"])
    }

    @Test func anAnsweredOriginateIsDrivenByTheScriptAndHungUpAtItsEnd() async {
        let leg = makeSession("b-leg")
        await leg.start()
        var environment = LuaEnvironment(scriptsDirectory: "/", soundsDirectory: "/")
        environment.originate = { _, _ in
            try? await leg.answer()
            return .answered(leg)
        }
        var commands = APICommandRegistry()
        ModLua(environment: environment).registerCommands(into: &commands)
        let out = await commands.execute(
            "lua ~local s = freeswitch.Session('user/1000') s:setVariable('x', 'y') stream:write(s:get_uuid() .. ' ' .. tostring(s:ready()))")
        #expect(out == "b-leg true")
        #expect(await leg.variable("x") == "y")
        #expect(await leg.isHungUp, "sessions a script creates are hung up when it ends")
    }

    @Test func withoutAHostOriginateAndBridgeAreClearErrors() async {
        var commands = APICommandRegistry()
        ModLua(environment: LuaEnvironment(scriptsDirectory: "/", soundsDirectory: "/")).registerCommands(into: &commands)
        let out = await commands.execute("lua ~local ok, err = pcall(freeswitch.Session, 'user/1000') stream:write(err)")
        #expect(out.contains("originate is not available in this host"), "\(out)")
        let bridge = await commands.execute("lua ~local ok, err = pcall(freeswitch.bridge, {}, {}) stream:write(err)")
        #expect(bridge.contains("freeswitch.bridge: not available in this host"), "\(bridge)")
    }
}

final class DialLog: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
