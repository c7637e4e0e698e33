import Foundation
import Synchronization
import SwitchCore

/// FreeSWITCH's mod_lua entry points over a ``LuaEnvironment``: the `lua` dialplan application, the `lua`
/// (foreground) and `luarun` (background) API commands, and direct runs (compat §4.1).
///
/// Each run gets its own `lua_State`; the script runs as a coroutine in the calling task and yields whenever
/// it waits, so thousands of scripts need no thread each.
///
/// Originating (`freeswitch.Session(dialstring)`, `session:originate` on an empty `freeswitch.Session()`) and
/// `freeswitch.bridge` work when the host provides `LuaEnvironment.originate`/`bridge` (the server does), and
/// raise a clear error otherwise. `session:originate` returns FreeSWITCH's status (0 once a leg answered, 1
/// otherwise): check `ready()`. Its A-leg argument only lends its caller id (`origination_caller_id_*`).
/// `other:waitForAnswer(calling)` waits for `other` to answer or hang up (at most the calling leg's
/// `call_timeout`, 60 s by default); no ringback is played to the calling leg.
///
/// Events queued to a leg (`session:sendEvent`, or `SessionRegistry.queueEvent`, which the event socket's
/// `sendevent` does not call yet) reach the input callback as `("event", Event)` during `streamFile`, `sleep`,
/// `recordFile` and `collectDigits`; `flushEvents` discards them. `getXMLCDR` gives the leg's XML CDR so far; `insertFile` splices WAV files only. The `env` global exists
/// for `lua` API runs given a request (`runCommand(_:request:)`); the event socket and fs_cli pass none, as in
/// FreeSWITCH. `JSON:execute` runs API commands from `{command, data}` requests (there is no separate JSON API
/// registry; `execute2` is not provided).
///
/// Phrase macros: `session:sayPhrase(macro [, data [, lang]])` and `streamFile("phrase:<macro>[:<data>]")` play
/// the macros of `LuaEnvironment.phrases` (the server loads `phrases/<lang>/*.xml`) like `streamFile` plays a
/// file, input callback included. The language is `lang`, else the channel's `language`, else
/// `default_language`, else `en` (FreeSWITCH's `sayPhrase` skips `language`; honouring it keeps the three
/// entry points alike). `say` actions speak digit by digit; `speak-text` logs that no TTS engine exists. An
/// unknown macro or language is logged at `ERR` and the script goes on.
///
/// Not available (calling them fails with Lua's "attempt to call a nil value", or a clear error where noted):
/// speech (`speak` logs that no TTS engine exists; ASR), `freeswitch.email`, `freeswitch.IVRMenu`, and session
/// calls that wait from inside a coroutine the script created itself.
public struct ModLua: Sendable {
    public let environment: LuaEnvironment
    private let counter = ScriptCounter()

    public init(environment: LuaEnvironment) {
        self.environment = environment
    }

    /// Script runs of this module (and its copies) whose Lua state is still open: 0 when idle. For leak
    /// checks and metrics.
    public var activeScripts: Int { counter.value }

    /// Registers the `lua` application. `session:execute` inside scripts finds the applications `registry` holds
    /// once this returns (including `lua` itself), so register Lua after the other application modules.
    /// The environment's `application` lookup is replaced by that registry.
    public static func register(into registry: inout ApplicationRegistry, environment: LuaEnvironment) {
        let applications = Mutex(ApplicationRegistry())
        var environment = environment
        environment.application = { name in applications.withLock { $0.application(named: name) } }
        let module = ModLua(environment: environment)
        registry.register("lua") { session, data in await module.runApplication(data.text, on: session) }
        let snapshot = registry
        applications.withLock { $0 = snapshot }
    }

    /// Registers the `lua` and `luarun` API commands.
    public func registerCommands(into registry: inout APICommandRegistry) {
        let module = self
        registry.register("lua", description: "run a script as an api function") { arguments in
            await module.runCommand(arguments)
        }
        registry.register("luarun", description: "run a script in the background") { arguments in
            module.runInBackground(arguments)
        }
    }

    /// The `lua` application: `script.lua arg1 "arg two"`, or inline code after `~` (or `#!/lua`). The dialplan
    /// goes on after the script returns, whatever happened in it.
    @discardableResult
    public func runApplication(_ data: String, on session: any SessionContext) async -> LuaScriptOutcome {
        await run(data, session: session).outcome
    }

    /// The `lua` API command: runs the script with a `stream` global and returns what it wrote; a script that
    /// fails gives `-ERR Cannot execute script` (after any output).
    ///
    /// - Parameter request: the request's headers (e.g. `HTTP-URI` for a web API call), given to the script as
    ///   the Event global `env`, as FreeSWITCH does when the API stream carries a parameter event; nil for none.
    public func runCommand(_ arguments: String, request: SwitchEvent? = nil) async -> String {
        let (outcome, output) = await run(arguments, session: nil, stream: true, request: request)
        if case .failed = outcome { return output + "-ERR Cannot execute script\n" }
        return output
    }

    /// The `luarun` API command: starts the script in a new task (with `argv` only) and returns `+OK` at once.
    public func runInBackground(_ arguments: String) -> String {
        guard !arguments.trimmingCharacters(in: .whitespaces).isEmpty else { return "-ERR no script name\n" }
        let module = self
        Task.detached { _ = await module.run(arguments, session: nil) }
        return "+OK\n"
    }

    /// Runs a script (or `~inline` code) and returns how it ended and what it wrote to `stream`.
    public func run(
        _ commandLine: String, session: (any SessionContext)?, stream: Bool = false, request: SwitchEvent? = nil
    ) async -> (outcome: LuaScriptOutcome, output: String) {
        guard let (chunk, name, arguments) = load(commandLine) else {
            let message = "cannot open script [\(commandLine)]"
            environment.log(LuaLogRecord(level: .err, message: message, uuid: session?.uuid))
            return (.failed(message: message), "")
        }
        let script: ScriptRun
        do {
            script = try ScriptRun(environment: environment, session: session, counter: counter)
        } catch {
            return (.failed(message: error.message), "")
        }
        if stream { script.installStream() }
        if let request { script.installRequest(request) }
        let outcome = await script.run(chunk: chunk, name: name, arguments: arguments)
        let output = script.output
        script.close()
        return (outcome, output)
    }

    /// Resolves the command line to (code, chunk name, arguments). Relative script names are looked up in the
    /// scripts directory; inline code is named `inline`.
    func load(_ commandLine: String) -> (String, String, [String])? {
        let trimmed = commandLine.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("~") { return (String(trimmed.dropFirst()), "inline", []) }
        if trimmed.hasPrefix("#!/lua") { return (String(trimmed.dropFirst(6)), "inline", []) }
        let words = ScriptRun.splitArguments(trimmed)
        guard let name = words.first else { return nil }
        let path = name.hasPrefix("/") ? name : environment.scriptsDirectory + "/" + name
        guard let code = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return (code, name, Array(words.dropFirst()))
    }
}
