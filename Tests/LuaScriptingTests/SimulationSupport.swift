import Foundation
import Synchronization
import Applications
import LuaScripting
import Phrases
import SwitchCore

/// The repository checkout this test file lives in (symlinks resolved, so a scratch package works too).
let repositoryRoot: String = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A simulated call with the dptools registered on its virtual clock.
struct ScriptHarness {
    let simulation: LuaSimulation
    let applications: ApplicationRegistry
    let globals = GlobalVariables()
    let logs = LogBox()

    init(
        scriptsDirectory: String = repositoryRoot + "/scripts", api: APICommandRegistry = APICommandRegistry(),
        applications: ApplicationRegistry? = nil, phrases: PhraseBook = PhraseBook()
    ) {
        var environment = LuaEnvironment(
            scriptsDirectory: scriptsDirectory, soundsDirectory: repositoryRoot + "/sounds",
            api: { line in await api.execute(line) }, globals: globals)
        environment.phrases = { phrases }
        simulation = LuaSimulation(environment: environment)
        var registry = ApplicationRegistry()
        DPTools.register(into: &registry, clock: simulation.clock)
        if let applications {
            for name in applications.names { registry.register(name, applications.application(named: name)!) }
        }
        self.applications = registry
    }

    func run(
        _ code: String, digits: String = "", variables: [String: String] = [:]
    ) async -> LuaSimulationReport {
        await simulation.run("~" + code, digits: digits, variables: variables, applications: applications)
    }

    func runFile(
        _ commandLine: String, digits: String = "", variables: [String: String] = [:], destination: String = "5000"
    ) async -> LuaSimulationReport {
        await simulation.run(
            commandLine, digits: digits, variables: variables, destination: destination, applications: applications)
    }
}

final class LogBox: Sendable {
    private let records = Mutex<[LuaLogRecord]>([])
    func append(_ record: LuaLogRecord) { records.withLock { $0.append(record) } }
    var all: [LuaLogRecord] { records.withLock { $0 } }
}

extension LuaSimulationReport {
    /// Transcript lines starting with `prefix`.
    func lines(_ prefix: String) -> [String] { transcript.filter { $0.hasPrefix(prefix) } }
}
