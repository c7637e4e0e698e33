internal import CLua
import SwitchCore

/// The `session` object (mod_lua's Session over CoreSession, compat §4.3): a table whose methods take the
/// table itself as first argument (`session:answer()`), plus the `uuid` field. Every method that needs the
/// leg's actor yields; media waits are refused inside callbacks.
extension ScriptRun {
    typealias Binding = (OpaquePointer) -> Int32

    /// Pushes a session object for `session` onto the main thread; `state` keeps its callbacks and flags.
    func pushSessionObject(_ session: any SessionContext, _ state: SessionScriptState) {
        pushLibrary(sessionMethods(session, state), fields: [("uuid", .string(session.uuid))])
        lua_pushvalue(main, -1)
        state.tableReference = luaL_ref(main, LuaStack.registryIndex)
    }

    /// Points `state` at `session` and returns the methods of a session object over it.
    func sessionMethods(_ session: any SessionContext, _ state: SessionScriptState) -> [(String, Binding)] {
        state.context = session
        return stateMethods(session, state) + variableMethods(session) + mediaMethods(session, state)
            + digitMethods(session) + callbackMethods(state) + legMethods(session, state) + eventMethods(session)
    }

    /// `1` or `0`, FreeSWITCH's success convention for action methods.
    static func flag(_ ok: Bool) -> [LuaValue] { [.integer(ok ? 1 : 0)] }

    private func stateMethods(_ session: any SessionContext, _ state: SessionScriptState) -> [(String, Binding)] {
        [
            ("answer", { L in self.wait(L, "answer", media: false) {
                do { try await session.answer(); return .values(Self.flag(true)) } catch { return .values(Self.flag(false)) }
            } }),
            ("preAnswer", { L in self.wait(L, "preAnswer", media: false) {
                do { try await session.preAnswer(); return .values(Self.flag(true)) } catch { return .values(Self.flag(false)) }
            } }),
            ("ready", { L in self.wait(L, "ready", media: false) { .values([.boolean(await Self.isReady(state))]) } }),
            ("answered", { L in self.wait(L, "answered", media: false) {
                .values([.boolean(await LegStatus(session).answered)])
            } }),
            ("mediaReady", { L in self.wait(L, "mediaReady", media: false) {
                .values([.boolean(await LegStatus(session).mediaReady)])
            } }),
            ("bridged", { L in self.wait(L, "bridged", media: false) {
                .values([.boolean(await LegStatus(session).bridged)])
            } }),
            ("getState", { L in self.wait(L, "getState", media: false) {
                .values([.string(await LegStatus(session).stateName)])
            } }),
            ("hangupCause", { L in self.wait(L, "hangupCause", media: false) {
                .values([.string(await session.variable("hangup_cause") ?? "NONE")])
            } }),
            ("get_uuid", { L in LuaStack.push(L, session.uuid); return 1 }),
            ("hangup", { L in self.hangup(L, session) }),
            ("transfer", { L in self.transfer(L, session, state) }),
            ("setAutoHangup", { L in state.autoHangup = LuaStack.bool(L, 2); return 0 }),
            ("destroy", { _ in state.destroyed = true; return 0 }),
        ]
    }

    /// `ready()`: up, not transferred away, not destroyed.
    static func isReady(_ state: SessionScriptState) async -> Bool {
        guard let context = state.context, !state.destroyed, !state.transferred else { return false }
        return await !context.isHungUp
    }

    private func hangup(_ L: OpaquePointer, _ session: any SessionContext) -> Int32 {
        let name = LuaStack.string(L, 2) ?? "NORMAL_CLEARING"
        let cause = HangupCause(parsing: name) ?? .normalClearing
        return wait(L, "hangup", media: false) {
            await session.hangup(cause)
            return .values([])
        }
    }

    private func transfer(_ L: OpaquePointer, _ session: any SessionContext, _ state: SessionScriptState) -> Int32 {
        guard let destination = LuaStack.string(L, 2), !destination.isEmpty else {
            return LuaStack.fail(L, "transfer: expected a destination")
        }
        let dialplan = LuaStack.string(L, 3).flatMap { $0.isEmpty ? nil : $0 }
        let context = LuaStack.string(L, 4).flatMap { $0.isEmpty ? nil : $0 }
        return wait(L, "transfer", media: false) {
            let ok = await session.transfer(to: destination, dialplan: dialplan, context: context)
            if ok {
                state.transferred = true
                await self.runHangupHook(state, reason: "transfer")
                if self.exitRequested { return .failure("exit") }
            }
            return .values(Self.flag(ok))
        }
    }

    private func variableMethods(_ session: any SessionContext) -> [(String, Binding)] {
        [
            ("getVariable", { L in
                guard let name = LuaStack.string(L, 2) else { return LuaStack.fail(L, "getVariable: expected a name") }
                return self.wait(L, "getVariable", media: false) {
                    .values([await session.variable(name).map(LuaValue.string) ?? .nil])
                }
            }),
            ("setVariable", { L in
                guard let name = LuaStack.string(L, 2) else { return LuaStack.fail(L, "setVariable: expected a name") }
                let value = LuaStack.string(L, 3)
                return self.wait(L, "setVariable", media: false) {
                    // Script values often carry caller digits: stored as caller text, never expanded again.
                    await session.setVariable(name, value, origin: .caller)
                    return .values([])
                }
            }),
            ("execute", { L in self.execute(L, session) }),
        ]
    }

    /// `execute(app [, data])`: runs a dialplan application; data is variable-expanded first, as FreeSWITCH's
    /// `switch_core_session_execute_application` does.
    private func execute(_ L: OpaquePointer, _ session: any SessionContext) -> Int32 {
        guard let name = LuaStack.string(L, 2) else { return LuaStack.fail(L, "execute: expected an application name") }
        let data = LuaStack.string(L, 3) ?? ""
        guard let application = environment.application(name) else {
            log(.err, "\(chunkName): execute: no application named \(name)")
            return 0
        }
        return wait(L, "execute") {
            let expansion = await session.expand(data)
            do {
                try await application(session, expansion)
            } catch {
                self.log(.err, "\(self.chunkName): execute \(name) failed: \(error)")
            }
            return .values([])
        }
    }

    private func callbackMethods(_ state: SessionScriptState) -> [(String, Binding)] {
        [
            ("setInputCallback", { L in
                guard let name = LuaStack.string(L, 2) else {
                    return LuaStack.fail(L, "setInputCallback: expected the name of a global function")
                }
                state.inputCallback = (name, LuaStack.string(L, 3))
                return 0
            }),
            ("unsetInputCallback", { _ in state.inputCallback = nil; return 0 }),
            ("setHangupHook", { L in
                guard let name = LuaStack.string(L, 2) else {
                    return LuaStack.fail(L, "setHangupHook: expected the name of a global function")
                }
                state.hangupHook = (name, LuaStack.string(L, 3))
                state.hookRan = false
                return 0
            }),
        ]
    }
}

/// Channel and call state for `answered`, `mediaReady`, `bridged`, `getState`. A `Session` is asked directly;
/// other contexts only say whether they hung up.
struct LegStatus {
    var stateName: String
    var answered: Bool
    var mediaReady: Bool
    var bridged: Bool

    init(_ context: any SessionContext) async {
        if let source = context as? any LegSnapshotSource, let snapshot = await source.legSnapshot() {
            stateName = snapshot.channelState.name
            answered = [.active, .held].contains(snapshot.callState)
            mediaReady = [.early, .active, .held].contains(snapshot.callState)
            bridged = snapshot.bridgedTo != nil
        } else {
            let hungUp = await context.isHungUp
            stateName = hungUp ? ChannelState.hangup.name : ChannelState.execute.name
            answered = false
            mediaReady = false
            bridged = false
        }
    }
}

/// A context that can show the leg's channel snapshot (a `Session`, or a wrapper around one).
protocol LegSnapshotSource: Sendable {
    func legSnapshot() async -> ChannelSnapshot?
}

extension Session: LegSnapshotSource {
    func legSnapshot() async -> ChannelSnapshot? { snapshot() }
}
