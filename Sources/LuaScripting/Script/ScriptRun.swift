import Foundation
import Synchronization
internal import CLua
import SwitchCore

/// What a wait produced for the Lua call that yielded: its results, or an error raised in it.
enum Resumption {
    case values([LuaValue])
    /// Pushes the results onto the given thread and returns how many it pushed.
    case push((OpaquePointer) -> Int32)
    case failure(String)
}

/// How a script run ended.
public enum LuaScriptOutcome: Sendable, Hashable {
    /// The script returned (or ran off its end).
    case completed
    /// The script raised an error (or could not be loaded); the message starts with `script:line:`.
    case failed(message: String)
    /// A hangup hook returned `"exit"` or `"die"`.
    case exited
}

/// One script run: one `lua_State`, the script as a coroutine on it, and the Swift driver that resumes it.
///
/// Bindings that wait record a pending async operation in ``pending`` and return the yield request; the C
/// trampoline yields; ``drive(_:arguments:)`` awaits the operation, pushes its results and resumes. Input
/// callbacks and hangup hooks run as further coroutines while the script's coroutine is suspended. Everything
/// happens in the task that called ``run(chunk:name:arguments:)``: the state never crosses threads at once.
final class ScriptRun {
    let environment: LuaEnvironment
    let session: (any SessionContext)?
    let lua: LuaState
    var main: OpaquePointer { lua.pointer }
    private let budget: UnsafeMutablePointer<shim_lua_budget>
    private var functions: [ScriptFunctionBox] = []
    /// Set by a binding right before it yields; taken by the driver.
    var pending: (() async -> Resumption)?
    /// Coroutines the driver is running; only these may wait.
    private var driven: [OpaquePointer] = []
    /// True once a resume started with the task already cancelled (budget no longer renewed).
    private var budgetRunning = false
    /// Instructions left to a run after its leg hung up (hangup hooks, cleanup), across all resumes.
    static let budgetAfterHangup: Int64 = 200_000
    /// Nesting depth of input callbacks and hooks; media waits are refused inside them.
    var callbackDepth = 0
    /// Set once a hangup hook asked to end the script; every later session call raises it again.
    var exitRequested = false
    var chunkName = "chunk"
    /// Text written with `stream:write` (API command runs).
    var output = ""
    /// The `session` global's state; `extraSessions` holds objects from `freeswitch.Session(uuid)`.
    let sessionState = SessionScriptState()
    var extraSessions: [SessionScriptState] = []
    /// Event consumers the script made; unsubscribed when the run ends.
    var consumers: [EventConsumerBox] = []
    /// The event behind each Event object (by its table), for calls that take an Event (`sendEvent`).
    var eventObjects: [UnsafeRawPointer: EventBox] = [:]

    private let counter: ScriptCounter?

    init(environment: LuaEnvironment, session: (any SessionContext)?, counter: ScriptCounter? = nil) throws(LuaError) {
        self.environment = environment
        self.session = session
        self.counter = counter
        lua = try LuaState()
        counter?.add(1)
        budget = .allocate(capacity: 1)
        budget.initialize(to: shim_lua_budget())
        budget.pointee.limit = Int64(environment.instructionBudget ?? 0)
        // Threads copy the main thread's extra space when created, so every coroutine finds the budget.
        shim_lua_set_budget(main, nil)
        shim_lua_budget_attach(main, budget)
    }

    deinit {
        lua.close()
        budget.deallocate()
        counter?.add(-1)
    }

    /// Closes the Lua state (running `__gc` metamethods) and drops the bindings, whose closures hold this run:
    /// without this the run and its state would keep each other alive.
    func close() {
        lua.close()
        functions.removeAll()
        pending = nil
        for consumer in consumers { consumer.cleanup() }
        consumers.removeAll()
        eventObjects.removeAll()
    }

    // MARK: Functions

    /// Pushes a Lua function that runs `body` with the calling thread.
    func pushFunction(_ body: @escaping (OpaquePointer) -> Int32) {
        let box = ScriptFunctionBox(body)
        functions.append(box)
        shim_lua_push_swift_function(main, { L, context in
            guard let L, let context else { return 0 }
            return Unmanaged<ScriptFunctionBox>.fromOpaque(context).takeUnretainedValue().body(L)
        }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Pushes a table of functions (and plain fields) onto the main thread.
    func pushLibrary(_ functions: [(String, (OpaquePointer) -> Int32)], fields: [(String, LuaValue)] = []) {
        lua_createtable(main, 0, Int32(functions.count + fields.count))
        for (name, body) in functions {
            pushFunction(body)
            lua_setfield(main, -2, name)
        }
        for (name, value) in fields {
            LuaStack.push(main, value)
            lua_setfield(main, -2, name)
        }
    }

    // MARK: Waiting

    /// Records `operation` and returns the yield request, or refuses with a Lua error when this call cannot
    /// wait: inside an input callback or hook (`media`), in a coroutine the script made, or where Lua cannot
    /// yield (a metamethod, `table.sort` comparator …).
    func wait(_ L: OpaquePointer, _ what: String, media: Bool = true, _ operation: @escaping () async -> Resumption)
        -> Int32
    {
        if exitRequested { return LuaStack.fail(L, "exit") }
        if media && callbackDepth > 0 {
            return LuaStack.fail(L, "\(what) cannot wait inside an input callback or hangup hook")
        }
        guard driven.contains(L) else {
            return LuaStack.fail(L, "\(what) cannot wait inside a coroutine created by the script")
        }
        guard lua_isyieldable(L) != 0 else {
            return LuaStack.fail(L, "\(what) cannot wait here (attempt to yield across a C-call boundary)")
        }
        pending = operation
        return LuaStack.yieldRequest
    }

    // MARK: Driving coroutines

    enum DriveOutcome {
        /// Finished; `results` values are on top of the coroutine's stack.
        case finished(results: Int32)
        case failed(message: String)
    }

    /// Resumes `co` (a function and its `arguments` pushed on it, or a suspended coroutine) until it finishes,
    /// serving every wait it yields for. The instruction budget is reset for each resume.
    func drive(_ co: OpaquePointer, arguments: Int32) async -> DriveOutcome {
        driven.append(co)
        defer { driven.removeAll { $0 == co } }
        var count = arguments
        while true {
            if environment.instructionBudget != nil {
                // Once the task is cancelled (the leg hung up), waits return at once: the budget is no longer
                // renewed per resume, so a script that loops on them without checking ready() is stopped.
                if Task.isCancelled && budgetRunning {
                    shim_lua_continue_budget(co, budget)
                } else {
                    if Task.isCancelled {
                        budget.pointee.limit = min(budget.pointee.limit, Self.budgetAfterHangup)
                        budgetRunning = true
                    }
                    shim_lua_set_budget(co, budget)
                }
            }
            var results: Int32 = 0
            let status = lua_resume(co, nil, count, &results)
            let exceeded = environment.instructionBudget != nil && budget.pointee.exceeded != 0
            shim_lua_set_budget(co, nil)
            shim_lua_budget_attach(co, budget)
            switch status {
            case LUA_YIELD:
                lua_settop(co, -results - 1)
                guard let operation = pending else {
                    count = 0   // a bare coroutine.yield() in the script: carry on
                    continue
                }
                pending = nil
                var resumption = await operation()
                await runDueHangupHooks()
                if exitRequested { resumption = .failure("exit") }
                count = push(resumption, onto: co)
            case LUA_OK:
                return .finished(results: results)
            default:
                return .failed(message: errorReport(co, exceeded: exceeded))
            }
        }
    }

    /// Pushes a wait's results and the "failed" flag the resume continuation reads (shim.h).
    private func push(_ resumption: Resumption, onto co: OpaquePointer) -> Int32 {
        switch resumption {
        case .values(let values):
            for value in values { LuaStack.push(co, value) }
            lua_pushboolean(co, 0)
            return Int32(values.count) + 1
        case .push(let pushResults):
            let n = pushResults(co)
            lua_pushboolean(co, 0)
            return n + 1
        case .failure(let message):
            LuaStack.push(co, message)
            lua_pushboolean(co, 1)
            return 2
        }
    }

    /// The error message of a failed coroutine with its traceback.
    private func errorReport(_ co: OpaquePointer, exceeded: Bool) -> String {
        var message = LuaStack.value(co, -1).stringValue ?? "(error object is not a string)"
        if exceeded, !message.contains("instruction budget exceeded") {
            message += " (instruction budget exceeded)"
        }
        luaL_traceback(main, co, nil, 0)
        let traceback = LuaStack.value(main, -1).stringValue ?? ""
        lua_settop(main, -2)
        return traceback.isEmpty ? message : message + "\n" + traceback
    }

    /// Calls the global function `name` as a new coroutine with the arguments `pushArguments` pushes (it returns
    /// their count), while the script's coroutine is suspended. Returns its first result, or nil.
    func callGlobal(_ name: String, _ pushArguments: (OpaquePointer) -> Int32) async -> Result<LuaValue, LuaError> {
        guard let co = lua_newthread(main) else { return .failure(LuaError(.memory, message: "lua_newthread")) }
        let reference = luaL_ref(main, LuaStack.registryIndex)   // keeps the thread alive while it runs
        defer { luaL_unref(main, LuaStack.registryIndex, reference) }
        lua_getglobal(co, name)
        guard lua_type(co, -1) == LUA_TFUNCTION else {
            return .failure(LuaError.raise("\(name) is not a global function"))
        }
        let count = pushArguments(co)
        callbackDepth += 1
        defer { callbackDepth -= 1 }
        switch await drive(co, arguments: count) {
        case .finished(let results):
            return .success(results > 0 ? LuaStack.value(co, -results) : .nil)
        case .failed(let message):
            return .failure(LuaError(.runtime, message: message))
        }
    }

    func log(_ level: LuaLogLevel, _ message: String, clean: Bool = false) {
        environment.log(LuaLogRecord(level: level, message: message, uuid: session?.uuid, clean: clean))
    }
}

/// Counts the script runs whose state is alive (``ModLua/activeScripts``).
final class ScriptCounter: Sendable {
    private let count = Atomic<Int>(0)
    func add(_ delta: Int) { count.add(delta, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// A Swift body behind a Lua function; kept alive by its ``ScriptRun``.
final class ScriptFunctionBox {
    let body: (OpaquePointer) -> Int32
    init(_ body: @escaping (OpaquePointer) -> Int32) { self.body = body }
}
