import Foundation
import Logging
import LuaScripting
import Phrases
import SwitchCore
import Synchronization

/// mod_lua in the running server: the `lua` application on every call, and the `lua`/`luarun` API commands.
/// Scripts reach the API registry once it is complete, so the lookup goes through a box filled at the end.
struct LuaWiring: Sendable {
    let environment: LuaEnvironment
    private let api: APIBox

    final class APIBox: Sendable {
        let registry = Mutex<APICommandRegistry?>(nil)
    }

    init(
        configuration: ServerConfiguration, dataDirectory: DataDirectory, sessions: SessionRegistry,
        core: SessionEnvironment, executor: CallExecutor, phrases: PhraseCatalog, logger: Logger
    ) {
        let api = APIBox()
        self.api = api
        var environment = LuaEnvironment(
            scriptsDirectory: configuration.core.scriptsDir, soundsDirectory: configuration.core.soundsDir,
            databaseDirectory: dataDirectory.path + "/db",
            api: { line in
                guard let registry = api.registry.withLock({ $0 }) else { return "-ERR API not ready\n" }
                return await registry.execute(line)
            },
            findSession: { uuid in await sessions.session(uuid) }, eventBus: core.eventBus, globals: core.globals,
            log: { record in Self.log(record, logger) })
        environment.originate = { [weak executor] dialString, timeout in
            await executor?.originateForScript(dialString, timeout: timeout) ?? .failed(.destinationOutOfOrder)
        }
        environment.bridge = { [weak executor] a, b in await executor?.bridgeForScript(a, b) }
        environment.phrases = { phrases.current }
        self.environment = environment
    }

    /// Registers `lua` last among the applications, so `session:execute` sees every other one.
    func registerApplication(into registry: inout ApplicationRegistry) {
        ModLua.register(into: &registry, environment: environment)
    }

    func registerCommands(into registry: inout APICommandRegistry) {
        ModLua(environment: environment).registerCommands(into: &registry)
    }

    /// Called once every API command is registered.
    func apiReady(_ registry: APICommandRegistry) {
        api.registry.withLock { $0 = registry }
    }

    static func log(_ record: LuaLogRecord, _ logger: Logger) {
        let level: Logger.Level
        switch record.level {
        case .console, .alert, .crit: level = .critical
        case .err: level = .error
        case .warning: level = .warning
        case .notice: level = .notice
        case .info: level = .info
        case .debug: level = .debug
        }
        var metadata: Logger.Metadata = ["module": "lua"]
        if let uuid = record.uuid { metadata["uuid"] = "\(uuid)" }
        let message = record.message.hasSuffix("\n") ? String(record.message.dropLast()) : record.message
        logger.log(level: level, "\(message)", metadata: metadata)
    }
}
