import Applications
import ArgumentParser
import Foundation
import LuaScripting
import Phrases
import Server
import SwitchCore

struct LuaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lua", abstract: "Work with Lua scripts.", subcommands: [Test.self])

    /// `switchboard lua test ivr_demo.lua --digits "3 1001#" --var k=v --dest 5000`: runs the script against a
    /// simulated call (no network, virtual time) and prints what it played, collected and did. Exit status 0 when
    /// the script ran to its end, 1 when it failed.
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a script against a simulated call and print a transcript (no network, virtual time).")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The script and its arguments, as the lua application takes them (or ~inline code).")
        var script: [String]
        @Option(help: "Caller's digits: space-separated groups, one per wait for input; '-' presses nothing, '!' hangs up.")
        var digits: String = ""
        @Option(name: .customLong("var"), help: "Channel variable name=value (repeatable).") var variables: [String] = []
        @Option(help: "The number the simulated caller dialled.") var dest: String = "5000"
        @Option(help: "Scripts folder (default: the configured one).") var scripts: String?
        @Option(help: "Phrase macros folder, <folder>/<language>/*.xml (default: the configured one).")
        var phrases: String?

        func run() async throws {
            let (configuration, data) = try common.load()
            var values: [String: String] = [:]
            for item in variables {
                guard let eq = item.firstIndex(of: "=") else { throw ValidationError("--var wants name=value: \(item)") }
                values[String(item[..<eq])] = String(item[item.index(after: eq)...])
            }
            let book: PhraseBook
            do {
                book = try PhraseLoader().load(directory: phrases ?? configuration.core.phrasesDir)
            } catch {
                throw ValidationError("phrase macros: \(error)")
            }
            var environment = LuaEnvironment(
                scriptsDirectory: scripts ?? configuration.core.scriptsDir, soundsDirectory: configuration.core.soundsDir,
                databaseDirectory: data.path + "/db", globals: GlobalVariables(StockGlobals.values(domain: "127.0.0.1")))
            environment.phrases = { book }
            let simulation = LuaSimulation(environment: environment)
            var base = ApplicationRegistry()
            DPTools.register(into: &base, clock: simulation.clock)
            Self.registerSimulatedMedia(into: &base, clock: simulation.clock)
            // Again with phrases, so `phrase`/`playback phrase:` work; their `execute` actions find the rest.
            var applications = base
            let lookup = base
            DPTools.register(
                into: &applications, clock: simulation.clock,
                phrases: PhraseEnvironment(book: { book }, application: { lookup.application(named: $0) }))
            let report = await simulation.run(
                script.joined(separator: " "), digits: digits, variables: values, destination: dest,
                applications: applications)
            print(report.text, terminator: "")
            if case .failed = report.outcome { throw ExitCode(1) }
        }

        /// The applications that need real media or other phones behave as they would on a simulated call with
        /// nobody else around: `echo`, `delay_echo` and `park` hold the call until the caller hangs up; `bridge`
        /// finds no registered user (USER_NOT_REGISTERED).
        static func registerSimulatedMedia(into registry: inout ApplicationRegistry, clock: VirtualClock) {
            for name in ["echo", "delay_echo", "park"] {
                registry.register(name) { session, _ in
                    while !(await session.isHungUp) { try await clock.sleep(for: .seconds(1)) }
                }
            }
            registry.register("bridge") { session, _ in
                let cause = HangupCause.userNotRegistered.name
                await session.setVariable("originate_disposition", cause, origin: .system)
                await session.setVariable("last_bridge_hangup_cause", cause, origin: .system)
                if (await session.variable("continue_on_fail"))?.lowercased() != "true" {
                    await session.hangup(.userNotRegistered)
                }
            }
        }
    }
}
