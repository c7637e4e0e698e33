import ArgumentParser
import Dialplan
import Foundation
import Server

struct DialplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dialplan", abstract: "Work with the XML dialplan.", subcommands: [Test.self])

    /// `switchboard dialplan test 1001 --context default --var caller_id_number=1000`: a dry run of the hunt.
    /// Exit status 0 when an extension matched, 1 on no route.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which extension a number matches and the actions it would run (no call is made).")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The destination number.") var destination: String
        @Option(help: "Dialplan context.") var context: String = "default"
        @Option(name: .customLong("var"), help: "Channel variable or caller-profile field, name=value (repeatable).")
        var variables: [String] = []
        @Option(help: "Dialplan folder (default: the configured one).") var dialplan: String?

        func run() throws {
            let (configuration, _) = try common.load()
            let directory = dialplan ?? configuration.core.dialplanDir
            let plan: DialplanPlan
            do {
                plan = try DialplanLoader().load(directory: directory)
            } catch {
                throw ValidationError("\(error)")
            }
            var values: [String: String] = ["domain_name": configuration.core.domain ?? "127.0.0.1"]
            for item in variables {
                guard let eq = item.firstIndex(of: "=") else { throw ValidationError("--var wants name=value: \(item)") }
                values[String(item[..<eq])] = String(item[item.index(after: eq)...])
            }
            let report = DialplanTester.run(
                plan: plan, destination: destination, context: context, variables: values, now: DialplanTime.local(Date()))
            print(report.text, terminator: report.text.hasSuffix("\n") ? "" : "\n")
            if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
        }
    }
}
