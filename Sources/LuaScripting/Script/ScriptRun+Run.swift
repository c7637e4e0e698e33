internal import CLua
import SwitchCore

extension ScriptRun {
    /// Installs the globals (`argv`, `freeswitch`, `session`, `package.path`, a logging `os.exit`), runs `chunk`
    /// as a coroutine until it ends, then runs a hangup hook that is still due and honours `setAutoHangup`.
    /// A Lua error is logged with `script:line` and its traceback; it does not propagate.
    func run(chunk: String, name: String, arguments: [String]) async -> LuaScriptOutcome {
        chunkName = name
        installGlobals(name: name, arguments: arguments)
        guard let co = lua_newthread(main) else { return .failed(message: "\(name): lua_newthread failed") }
        let reference = luaL_ref(main, LuaStack.registryIndex)
        defer { luaL_unref(main, LuaStack.registryIndex, reference) }
        let bytes = Array(chunk.utf8)
        let loaded = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { luaL_loadbufferx(co, $0.baseAddress, $0.count, "=" + name, "t") }
        }
        guard loaded == LUA_OK else {
            let message = LuaStack.value(co, -1).stringValue ?? "\(name): cannot load"
            log(.err, message)
            return .failed(message: message)
        }
        let outcome: LuaScriptOutcome
        switch await drive(co, arguments: 0) {
        case .finished:
            outcome = exitRequested ? .exited : .completed
        case .failed(let message):
            if exitRequested {
                log(.info, "\(name): ended by its hangup hook")
                outcome = .exited
            } else {
                log(.err, message)
                outcome = .failed(message: message)
            }
        }
        await finish()
        return outcome
    }

    private func finish() async {
        for consumer in consumers { consumer.cleanup() }
        consumers.removeAll()
        await runDueHangupHooks()
        for state in [sessionState] + extraSessions {
            guard let context = state.context, state.autoHangup, !state.transferred else { continue }
            if await !context.isHungUp { await context.hangup(.normalClearing) }
        }
    }

    private func installGlobals(name: String, arguments: [String]) {
        lua_createtable(main, Int32(arguments.count), 1)
        for (index, argument) in ([name] + arguments).enumerated() {
            LuaStack.push(main, argument)
            lua_rawseti(main, -2, lua_Integer(index))
        }
        lua_setglobal(main, "argv")

        // os.exit would end the whole server: it only logs, as in mod_lua.
        lua_getglobal(main, "os")
        pushFunction { L in
            self.log(.err, "\(self.chunkName): os.exit is disabled; return from the script instead")
            return 0
        }
        lua_setfield(main, -2, "exit")
        lua_settop(main, -2)

        lua_getglobal(main, "package")
        let path = (LuaStack.value(main, -1) == .nil) ? "" : {
            lua_getfield(main, -1, "path")
            defer { lua_settop(main, -2) }
            return LuaStack.value(main, -1).stringValue ?? ""
        }()
        let directory = environment.scriptsDirectory
        LuaStack.push(main, "\(directory)/?.lua;\(directory)/?/init.lua;" + path)
        lua_setfield(main, -2, "path")
        lua_settop(main, -2)

        installFreeswitch()
        if let session {
            pushSessionObject(session, sessionState)
            lua_setglobal(main, "session")
        }
    }

    /// Splits `script arg1 "two words" arg3` as FreeSWITCH does for `argv` (quotes group words).
    static func splitArguments(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
