internal import CLua

/// Reading arguments from and pushing results onto a Lua stack, for the bindings. Nothing here raises a
/// Lua error: failures are reported by returning ``fail(_:_:)``'s -1 to the C trampoline.
enum LuaStack {
    /// The argument at `index` as text: strings, and numbers converted as `tostring` would.
    static func string(_ L: OpaquePointer, _ index: Int32) -> String? {
        let type = lua_type(L, index)
        guard type == LUA_TSTRING || type == LUA_TNUMBER else { return nil }
        return LuaState.value(in: L, at: index).stringValue
    }

    /// The argument at `index` as an integer (numbers and numeric strings).
    static func int(_ L: OpaquePointer, _ index: Int32) -> Int? {
        LuaState.value(in: L, at: index).intValue ?? LuaState.value(in: L, at: index).doubleValue.map { Int($0) }
    }

    /// Lua truthiness, with the strings `"false"`, `"0"` and `""` false as FreeSWITCH's `switch_true` reads them.
    static func bool(_ L: OpaquePointer, _ index: Int32) -> Bool {
        switch LuaState.value(in: L, at: index) {
        case .string(let s): ["true", "yes", "on", "1", "enabled", "active", "allow"].contains(s.lowercased())
        case .integer(let i): i != 0
        case .number(let d): d != 0
        case let other: other.boolValue
        }
    }

    static func value(_ L: OpaquePointer, _ index: Int32) -> LuaValue {
        LuaState.value(in: L, at: index)
    }

    static func push(_ L: OpaquePointer, _ value: LuaValue) {
        LuaState.push(value, in: L)
    }

    static func push(_ L: OpaquePointer, _ text: String) {
        LuaState.push(.string(text), in: L)
    }

    /// Pushes a table of string keys; values of `.nil` are left out.
    static func pushTable(_ L: OpaquePointer, _ fields: [(String, LuaValue)]) {
        lua_createtable(L, 0, Int32(fields.count))
        for (key, value) in fields {
            push(L, value)
            lua_setfield(L, -2, key)
        }
    }

    /// Pushes `message` for the trampoline to raise; returns the value a binding must return.
    static func fail(_ L: OpaquePointer, _ message: String) -> Int32 {
        push(L, message)
        return Int32(SHIM_LUA_ERROR_REQUEST)
    }

    static var yieldRequest: Int32 { Int32(SHIM_LUA_YIELD_REQUEST) }

    static var registryIndex: Int32 { shim_lua_registryindex() }

    /// Number of arguments passed to the running function.
    static func count(_ L: OpaquePointer) -> Int32 { lua_gettop(L) }
}
