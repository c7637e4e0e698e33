import Testing
import Synchronization
import SwitchCore
@testable import Applications

/// The dptools registered against an `InstantClock`, with every log line kept.
struct ApplicationHarness {
    let clock = InstantClock()
    let lines = LogLines()
    let registry: ApplicationRegistry

    init(phrases: PhraseEnvironment = PhraseEnvironment()) {
        var registry = ApplicationRegistry()
        let lines = self.lines
        DPTools.register(into: &registry, clock: clock, log: ApplicationLog { lines.append($0) }, phrases: phrases)
        self.registry = registry
    }

    /// Runs application `name` with `data` as already-expanded text of the given origin.
    func run(
        _ name: String, _ data: String = "", on session: RecordingSession, callerText: Bool = false
    ) async throws {
        let application = try #require(registry.application(named: name))
        try await application(session, Expansion(text: data, containsCallerText: callerText))
    }

    var records: [ApplicationLogRecord] { lines.records }
    func logged(_ level: ApplicationLogLevel) -> [String] { records.filter { $0.level == level }.map(\.message) }
}

final class LogLines: Sendable {
    private let storage = Mutex<[ApplicationLogRecord]>([])

    func append(_ record: ApplicationLogRecord) { storage.withLock { $0.append(record) } }
    var records: [ApplicationLogRecord] { storage.withLock { $0 } }
}
