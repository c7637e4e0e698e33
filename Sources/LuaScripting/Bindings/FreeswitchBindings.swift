import Foundation
internal import CLua
import SwitchCore

/// The `freeswitch` global table (compat §4.2).
extension ScriptRun {
    func installFreeswitch() {
        var functions: [(String, Binding)] = [
            ("consoleLog", { L in
                let level = LuaLogLevel(name: LuaStack.string(L, 1) ?? "debug")
                self.log(level, LuaStack.string(L, 2) ?? "")
                return 0
            }),
            ("consoleCleanLog", { L in
                self.log(.console, LuaStack.string(L, 1) ?? "", clean: true)
                return 0
            }),
            ("msleep", { L in
                let milliseconds = max(LuaStack.int(L, 1) ?? 0, 0)
                return self.wait(L, "msleep") {
                    try? await self.environment.clock.sleep(for: .milliseconds(milliseconds))
                    return .values([])
                }
            }),
            ("getGlobalVariable", { L in
                guard let name = LuaStack.string(L, 1) else { return LuaStack.fail(L, "getGlobalVariable: expected a name") }
                LuaStack.push(L, self.environment.globals[name].map(LuaValue.string) ?? .nil)
                return 1
            }),
            ("setGlobalVariable", { L in
                guard let name = LuaStack.string(L, 1) else { return LuaStack.fail(L, "setGlobalVariable: expected a name") }
                self.environment.globals.set(name, LuaStack.string(L, 2))
                return 0
            }),
            ("running", { L in lua_pushboolean(L, 1); return 1 }),
            ("API", { L in self.pushAPI(L) }),
            ("JSON", { L in self.pushJSON(L) }),
            ("Session", { L in self.sessionConstructor(L) }),
            ("bridge", { L in self.bridgeSessions(L) }),
        ]
        functions += databaseConstructors() + eventConstructors()
        pushLibrary(functions)
        lua_setglobal(main, "freeswitch")
    }

    /// `freeswitch.Session(uuid)` wraps a live leg (nil, logged, when there is none); a dial string (it has a
    /// `/`) originates; no argument gives an empty object for `session:originate`.
    private func sessionConstructor(_ L: OpaquePointer) -> Int32 {
        guard let target = LuaStack.string(L, 1), !target.isEmpty else {
            guard lua_type(L, 1) <= LUA_TNIL else { return LuaStack.fail(L, "freeswitch.Session: expected a uuid") }
            return pushEmptySession(on: L)
        }
        guard !target.contains("/") else { return originateSession(L, dialString: target, timeout: .seconds(60)) }
        let find = environment.findSession
        return wait(L, "freeswitch.Session", media: false) {
            guard let context = await find(target) else {
                self.log(.err, "\(self.chunkName): freeswitch.Session: no channel \(target)")
                return .values([.nil])
            }
            return .push { co in
                let state = SessionScriptState()
                self.extraSessions.append(state)
                self.pushSessionObject(context, state)
                lua_xmove(self.main, co, 1)
                return 1
            }
        }
    }

    /// Originates from a dial string and pushes the session object: answered (auto-hangup at the end of the
    /// script, as FreeSWITCH does for sessions a script creates), or not ready with the failure's cause.
    func originateSession(_ L: OpaquePointer, dialString: String, timeout: Duration) -> Int32 {
        guard environment.originate != nil else {
            return LuaStack.fail(L, "freeswitch.Session: originate is not available in this host")
        }
        return wait(L, "freeswitch.Session", media: false) {
            guard let context = await self.originateLeg(dialString, timeout: timeout) else { return .values([.nil]) }
            return .push { co in
                let state = SessionScriptState()
                state.autoHangup = true
                self.extraSessions.append(state)
                self.pushSessionObject(context, state)
                lua_xmove(self.main, co, 1)
                return 1
            }
        }
    }

    /// `freeswitch.bridge(session_a, session_b)`: connects the two legs' media and returns when either hangs up.
    private func bridgeSessions(_ L: OpaquePointer) -> Int32 {
        guard let bridge = environment.bridge else {
            return LuaStack.fail(L, "freeswitch.bridge: not available in this host")
        }
        guard let a = Self.uuidField(L, 1), let b = Self.uuidField(L, 2) else {
            return LuaStack.fail(L, "freeswitch.bridge: expected two session objects")
        }
        return wait(L, "freeswitch.bridge", media: false) {
            await bridge(a, b)
            return .values([])
        }
    }

    /// The `uuid` field of the session object at `index`.
    static func uuidField(_ L: OpaquePointer, _ index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TTABLE else { return nil }
        lua_getfield(L, index, "uuid")
        defer { lua_settop(L, -2) }
        return LuaStack.string(L, -1)
    }

    /// `freeswitch.API()`: `execute(cmd, arg)`, `executeString("cmd arg")`, `getTime()`.
    private func pushAPI(_ L: OpaquePointer) -> Int32 {
        let api = environment.api
        let run: (OpaquePointer, String) -> Int32 = { L, line in
            self.wait(L, "api", media: false) { .values([.string(await api(line))]) }
        }
        pushObject(on: L, [
            ("execute", { L in
                guard let command = LuaStack.string(L, 2) else { return LuaStack.fail(L, "execute: expected a command") }
                let argument = LuaStack.string(L, 3) ?? ""
                return run(L, argument.isEmpty ? command : command + " " + argument)
            }),
            ("executeString", { L in
                guard let line = LuaStack.string(L, 2) else { return LuaStack.fail(L, "executeString: expected a command") }
                return run(L, line)
            }),
            ("getTime", { L in
                LuaStack.push(L, String(Int64(Date().timeIntervalSince1970 * 1000)))
                return 1
            }),
        ])
        return 1
    }

    /// The `stream` global of API runs: `stream:write(text)` collects the command's reply.
    func installStream() {
        pushLibrary([("write", { L in
            self.output += LuaStack.string(L, 2) ?? ""
            return 0
        })])
        lua_setglobal(main, "stream")
    }

    /// The `env` global of API runs: the request's headers as an Event object.
    func installRequest(_ request: SwitchEvent) {
        pushEvent(on: main, EventBox(request))
        lua_setglobal(main, "env")
    }

    /// Pushes a table of methods onto `L` (built on the main thread, then moved).
    func pushObject(on L: OpaquePointer, _ methods: [(String, Binding)], fields: [(String, LuaValue)] = []) {
        pushLibrary(methods, fields: fields)
        lua_xmove(main, L, 1)
    }
}
