internal import CLua
import SwitchCore

/// The per-run state behind the `session` object: callbacks, hook, and what the script did to the leg.
final class SessionScriptState {
    /// The leg this object controls (nil until installed).
    var context: (any SessionContext)?
    /// `setInputCallback(function_name [, argument_global_name])`.
    var inputCallback: (function: String, argument: String?)?
    /// `setHangupHook(function_name [, argument_global_name])`.
    var hangupHook: (function: String, argument: String?)?
    var hookRan = false
    var transferred = false
    var destroyed = false
    /// `setAutoHangup`: hang the leg up when the script ends (false for the leg a dialplan runs on).
    var autoHangup = false
    /// Registry reference of the `session` table, passed to callbacks.
    var tableReference: Int32?
    /// An object from `freeswitch.Session()` with no arguments that has not originated yet.
    var empty = false
}

extension ScriptRun {
    /// Runs the hangup hook of every session object whose leg hung up (once each).
    func runDueHangupHooks() async {
        for state in [sessionState] + extraSessions {
            guard let context = state.context, state.hangupHook != nil, !state.hookRan else { continue }
            if await context.isHungUp { await runHangupHook(state, reason: "hangup") }
        }
    }

    /// Runs the hangup hook once as `hook(session, reason [, arg])`. Its result is stored in the channel
    /// variable `lua_hangup_hook_return_val`; `"exit"` or `"die"` ends the script.
    func runHangupHook(_ state: SessionScriptState, reason: String) async {
        guard let hook = state.hangupHook, !state.hookRan else { return }
        state.hookRan = true
        let result = await callGlobal(hook.function) { co in
            self.pushCallbackArguments(co, state, [.string(reason)], argumentGlobal: hook.argument)
        }
        switch result {
        case .success(let value):
            guard let text = value.stringValue else { return }
            await state.context?.setVariable("lua_hangup_hook_return_val", text, origin: .caller)
            if text.lowercased() == "exit" || text.lowercased() == "die" { exitRequested = true }
        case .failure(let error):
            log(.err, "\(chunkName): hangup hook \(hook.function) failed: \(error.message)")
        }
    }

    /// Calls the input callback for one digit and maps its reply to a media control (compat §4.3): nil, "",
    /// "true" and "undefined" continue; file controls are parsed; anything else, or an error, stops.
    func inputCallbackControl(_ state: SessionScriptState, digit: Character, duration: Int) async -> MediaControl {
        await inputCallbackControl(state, kind: "dtmf") { co in
            LuaStack.pushTable(co, [("digit", .string(String(digit))), ("duration", .integer(duration))])
        }
    }

    /// Calls the input callback as `func(session, kind, data [, arg])`, `pushData` pushing `data`.
    func inputCallbackControl(
        _ state: SessionScriptState, kind: String, pushData: @escaping (OpaquePointer) -> Void
    ) async -> MediaControl {
        guard let callback = state.inputCallback else { return .continue }
        let result = await callGlobal(callback.function) { co in
            pushData(co)
            return self.pushCallbackArguments(co, state, [.string(kind)], argumentGlobal: callback.argument, table: true)
        }
        switch result {
        case .success(let value):
            return MediaControl(callbackReply: value.stringValue)
        case .failure(let error):
            log(.err, "\(chunkName): input callback \(callback.function) failed: \(error.message)")
            return .stop
        }
    }

    /// Pushes `session, values… [, data table] [, arg]` for a callback. With `table`, the table is already on
    /// top of `co` and is moved after `values`.
    func pushCallbackArguments(
        _ co: OpaquePointer, _ state: SessionScriptState, _ values: [LuaValue], argumentGlobal: String?,
        table: Bool = false
    ) -> Int32 {
        var count: Int32 = 0
        if let reference = state.tableReference {
            lua_rawgeti(co, LuaStack.registryIndex, lua_Integer(reference))
        } else {
            lua_pushnil(co)
        }
        count += 1
        for value in values {
            LuaStack.push(co, value)
            count += 1
        }
        if table {
            // The table was pushed first: rotate it above session and values.
            lua_rotate(co, -(count + 1), -1)
            count += 1
        }
        if let argumentGlobal {
            lua_getglobal(co, argumentGlobal)
            count += 1
        }
        return count
    }
}

extension MediaControl {
    /// Parses an input-callback reply (compat §4.3).
    init(callbackReply reply: String?) {
        guard let reply, !["", "true", "undefined"].contains(reply.lowercased()) else {
            self = .continue
            return
        }
        let lower = reply.lowercased()
        switch lower {
        case "pause": self = .pause
        case "restart": self = .restart
        case "truncate": self = .truncate
        case "stop": self = .stop
        default: self = Self.fileControl(lower) ?? .stop
        }
    }

    private static func fileControl(_ reply: String) -> MediaControl? {
        let parts = reply.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let amount = Int(parts[1].replacingOccurrences(of: "+", with: "")) else { return nil }
        let relative = parts[1].hasPrefix("+") || parts[1].hasPrefix("-")
        switch parts[0] {
        case "seek": return .seek(milliseconds: amount, relative: relative)
        case "speed": return .speed(amount, relative: relative)
        case "volume": return .volume(amount, relative: relative)
        default: return nil
        }
    }
}
