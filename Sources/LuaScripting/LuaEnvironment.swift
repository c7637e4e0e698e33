import Phrases
import SwitchCore

/// Severity of a script log line, FreeSWITCH's names (`freeswitch.consoleLog` levels, compat §4.2).
public enum LuaLogLevel: String, Sendable, Hashable, CaseIterable {
    case console, alert, crit, err, warning, notice, info, debug

    /// Case-insensitive; unknown names give `debug`, as FreeSWITCH does.
    public init(name: String) {
        self = LuaLogLevel(rawValue: name.lowercased()) ?? .debug
    }
}

/// One line a script (or the engine about a script) logged.
public struct LuaLogRecord: Sendable, Hashable {
    public var level: LuaLogLevel
    public var message: String
    /// The channel the script runs on, if any.
    public var uuid: String?
    /// True for `consoleCleanLog` (no prefix).
    public var clean: Bool

    public init(level: LuaLogLevel, message: String, uuid: String? = nil, clean: Bool = false) {
        self.level = level
        self.message = message
        self.uuid = uuid
        self.clean = clean
    }
}

/// Everything a script run may reach: directories, the registries and the core's shared services.
public struct LuaEnvironment: Sendable {
    /// Where `lua foo.lua` looks for `foo.lua`; also added to `package.path`.
    public var scriptsDirectory: String
    /// Where prompts live (`sound_prefix`); `say` plays `digits/N.wav` from here.
    public var soundsDirectory: String
    /// Where `freeswitch.Dbh("sqlite://name")` puts `name.db`.
    public var databaseDirectory: String
    /// Looks up a dialplan application for `session:execute`.
    public var application: @Sendable (String) -> Application?
    /// Runs an API command line (`freeswitch.API():executeString`), e.g. `APICommandRegistry.execute`.
    public var api: @Sendable (String) async -> String
    /// Finds a live leg by uuid for `freeswitch.Session(uuid)` (e.g. `SessionRegistry.session(_:)`).
    public var findSession: @Sendable (String) async -> (any SessionContext)?
    public var eventBus: EventBus
    public var globals: GlobalVariables
    public var log: @Sendable (LuaLogRecord) -> Void
    /// What `session:sleep` without an input callback and `freeswitch.msleep` wait on.
    public var clock: any Clock<Duration>
    /// VM instructions allowed between two waits (per coroutine resume); nil for no limit.
    public var instructionBudget: Int?
    /// Places a call from a FreeSWITCH dial string within a timeout (`freeswitch.Session("user/1000")`,
    /// `session:originate`); nil when the host cannot (then those raise an error).
    public var originate: (@Sendable (String, Duration) async -> LuaOriginateResult)?
    /// Connects the media of two live legs (by uuid) until either hangs up (`freeswitch.bridge`); nil when the
    /// host cannot.
    public var bridge: (@Sendable (String, String) async -> Void)?
    /// The phrase macros in force (`session:sayPhrase`, `streamFile("phrase:…")`); the server swaps them on
    /// `reloadxml`. The default has none, so every macro is unknown.
    public var phrases: @Sendable () -> PhraseBook = { PhraseBook() }

    public init(
        scriptsDirectory: String, soundsDirectory: String, databaseDirectory: String? = nil,
        application: @escaping @Sendable (String) -> Application? = { _ in nil },
        api: @escaping @Sendable (String) async -> String = { _ in "-ERR no API commands\n" },
        findSession: @escaping @Sendable (String) async -> (any SessionContext)? = { _ in nil },
        eventBus: EventBus = EventBus(), globals: GlobalVariables = GlobalVariables(),
        log: @escaping @Sendable (LuaLogRecord) -> Void = { _ in }, clock: any Clock<Duration> = ContinuousClock(),
        instructionBudget: Int? = 10_000_000
    ) {
        self.scriptsDirectory = scriptsDirectory
        self.soundsDirectory = soundsDirectory
        self.databaseDirectory = databaseDirectory ?? scriptsDirectory
        self.application = application
        self.api = api
        self.findSession = findSession
        self.eventBus = eventBus
        self.globals = globals
        self.log = log
        self.clock = clock
        self.instructionBudget = instructionBudget
    }
}
