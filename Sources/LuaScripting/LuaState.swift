internal import CLua

/// A Swift function callable from Lua. It receives the call's arguments and returns its results;
/// throwing raises a Lua error (catchable with `pcall`) carrying the error's message.
public typealias LuaFunction = ([LuaValue]) throws(LuaError) -> [LuaValue]

/// One Lua 5.4 interpreter (`lua_State`) with the standard libraries opened.
///
/// Not thread-safe: use a state from one task at a time. Call scripts do not get a thread each: `ModLua`
/// runs them as coroutines on a state of their own, in the task of the `lua` application.
///
/// Swift code never raises a Lua error itself (`lua_error` longjmps and would skip Swift
/// cleanup); registered functions return to a C trampoline in `CLua`, which raises on their behalf.
public final class LuaState {
    private let state: OpaquePointer
    /// The main thread of this state, for the script runner's bindings.
    var pointer: OpaquePointer { state }
    private let budget: UnsafeMutablePointer<shim_lua_budget>
    private var functions: [FunctionBox] = []

    /// Maximum number of Lua VM instructions one ``run(chunk:name:)`` may execute, or `nil` for no
    /// limit. The count is checked by a `LUA_MASKCOUNT` hook every 1000 instructions, so a run may
    /// overshoot by up to that much. Instructions executed inside Swift functions are not counted.
    public var instructionBudget: Int?

    /// Creates a state and opens the standard libraries (`luaL_openlibs`).
    public init(instructionBudget: Int? = nil) throws(LuaError) {
        guard let state = luaL_newstate() else {
            throw LuaError(.memory, message: "luaL_newstate failed")
        }
        self.state = state
        self.instructionBudget = instructionBudget
        budget = .allocate(capacity: 1)
        budget.initialize(to: shim_lua_budget())
        luaL_openlibs(state)
    }

    private var closed = false

    deinit {
        close()
        budget.deallocate()
    }

    /// Closes the state now (`lua_close`); later use is a programming error. Deinit closes it otherwise.
    func close() {
        guard !closed else { return }
        closed = true
        lua_close(state)
    }

    /// Compiles and runs `chunk` and returns the values it returns.
    ///
    /// - Parameter name: the chunk name used in error messages and tracebacks (`name:line:`).
    /// - Throws: ``LuaError`` with kind `.syntax` when the chunk does not compile, `.runtime` for
    ///   an error the script did not catch, `.instructionBudgetExceeded` when it ran too long.
    @discardableResult
    public func run(chunk: String, name: String = "chunk") throws(LuaError) -> [LuaValue] {
        let base = lua_gettop(state)
        defer { lua_settop(state, base) }
        let bytes = Array(chunk.utf8)
        // A leading "=" makes Lua use the name verbatim: "name:3:" rather than `[string "..."]:3:`.
        let loadStatus = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                luaL_loadbufferx(state, chars.baseAddress, chars.count, "=" + name, "t")
            }
        }
        guard loadStatus == LUA_OK else { throw error(status: loadStatus) }

        if let limit = instructionBudget {
            budget.pointee.limit = Int64(max(limit, 1))
            shim_lua_set_budget(state, budget)
        } else {
            shim_lua_set_budget(state, nil)
        }
        let callStatus = lua_pcallk(state, 0, LUA_MULTRET, 0, 0, nil)
        let exceeded = instructionBudget != nil && budget.pointee.exceeded != 0
        shim_lua_set_budget(state, nil)
        guard callStatus == LUA_OK else {
            var failure = error(status: callStatus)
            if exceeded { failure.kind = .instructionBudgetExceeded }
            throw failure
        }
        let top = lua_gettop(state)
        guard top > base else { return [] }
        return (base + 1...top).map { Self.value(in: state, at: $0) }
    }

    /// Reads the global variable `name`.
    public func global(_ name: String) -> LuaValue {
        lua_getglobal(state, name)
        defer { lua_settop(state, -2) }
        return Self.value(in: state, at: -1)
    }

    /// Sets the global variable `name`.
    public func setGlobal(_ name: String, _ value: LuaValue) {
        Self.push(value, in: state)
        lua_setglobal(state, name)
    }

    /// Makes `function` callable from Lua as the global `name`.
    ///
    /// The state keeps `function` alive until it is deinitialized; a closure that captures the
    /// state strongly makes a cycle, so capture it `weak` or `unowned`.
    public func register(_ name: String, _ function: @escaping LuaFunction) {
        let box = FunctionBox(function)
        functions.append(box)   // kept alive as long as the state
        let context = Unmanaged.passUnretained(box).toOpaque()
        shim_lua_push_swift_function(state, { state, context in
            guard let state, let context else { return 0 }
            return LuaState.call(Unmanaged<FunctionBox>.fromOpaque(context).takeUnretainedValue(), in: state)
        }, context)
        lua_setglobal(state, name)
    }

    // MARK: - Private

    private final class FunctionBox {
        let function: LuaFunction
        init(_ function: @escaping LuaFunction) { self.function = function }
    }

    /// Runs a registered function with the arguments on the stack. Returns the number of results
    /// pushed, or -1 with the error message pushed (the C trampoline then raises it).
    private static func call(_ box: FunctionBox, in state: OpaquePointer) -> Int32 {
        let count = lua_gettop(state)
        let arguments = count > 0 ? (1...count).map { value(in: state, at: $0) } : []
        do {
            let results = try box.function(arguments)
            guard lua_checkstack(state, Int32(clamping: results.count)) != 0 else {
                push(.string("too many results"), in: state)
                return -1
            }
            for result in results { push(result, in: state) }
            return Int32(results.count)
        } catch {
            push(.string(error.message), in: state)
            return -1
        }
    }

    private func error(status: Int32) -> LuaError {
        let message = Self.message(in: state, at: -1)
        switch status {
        case LUA_ERRSYNTAX: return LuaError(.syntax, message: message)
        case LUA_ERRMEM: return LuaError(.memory, message: message)
        case LUA_ERRERR: return LuaError(.messageHandler, message: message)
        default: return LuaError(.runtime, message: message)
        }
    }

    private static func message(in state: OpaquePointer, at index: Int32) -> String {
        switch value(in: state, at: index) {
        case .string(let s): return s
        case .integer, .number: return value(in: state, at: index).stringValue ?? ""
        case .other(let typeName): return "(error object is a \(typeName) value)"
        case .nil: return "(error object is a nil value)"
        case .boolean(let b): return "(error object is a boolean value: \(b))"
        }
    }

    static func value(in state: OpaquePointer, at index: Int32) -> LuaValue {
        let type = lua_type(state, index)
        switch type {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .boolean(lua_toboolean(state, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(state, index) != 0 { return .integer(Int(lua_tointegerx(state, index, nil))) }
            return .number(lua_tonumberx(state, index, nil))
        case LUA_TSTRING:
            var length = 0
            guard let chars = lua_tolstring(state, index, &length) else { return .nil }
            return .string(String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self))
        default:
            return .other(typeName: String(cString: lua_typename(state, type)))
        }
    }

    static func push(_ value: LuaValue, in state: OpaquePointer) {
        switch value {
        case .nil, .other: lua_pushnil(state)
        case .boolean(let b): lua_pushboolean(state, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(state, lua_Integer(i))
        case .number(let d): lua_pushnumber(state, d)
        case .string(let s):
            let bytes = Array(s.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(state, $0.baseAddress, $0.count) }
            }
        }
    }
}
