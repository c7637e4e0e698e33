import ArgumentParser
import Server

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Start the server (the default command).")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let (configuration, data) = try common.load()
        try await SwitchboardServer(configuration: configuration, dataDirectory: data).run()
    }
}
