import ArgumentParser
import Server

@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "A SIP and WebRTC application server with FreeSWITCH-compatible dialplans and Lua IVRs.",
        version: SwitchboardVersion.current,
        subcommands: [Run.self, UserCommand.self, DialplanCommand.self, LuaCommand.self, VersionCommand.self],
        defaultSubcommand: Run.self
    )
}

/// Options every subcommand takes, so the CLI works on the same store as the server.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Runtime state folder (SQLite store, certificates).")
    var dataDirectory: String?

    @Option(name: .customLong("config"), help: "switchboard.toml with server settings.")
    var configFile: String?

    /// Loads the configuration; `--data-dir` wins over the file's `core.data_dir`.
    func load() throws -> (ServerConfiguration, DataDirectory) {
        let configuration = try ServerConfiguration.load(file: configFile)
        let data = DataDirectory(path: dataDirectory ?? configuration.core.dataDir)
        return (configuration, data)
    }
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")

    @OptionGroup var common: CommonOptions

    func run() {
        print("switchboard \(SwitchboardVersion.current)")
    }
}
