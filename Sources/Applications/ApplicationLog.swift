import SwitchCore

/// Where applications write their log lines. The composition root bridges it to its logger; this target
/// does not depend on a logging package.
public struct ApplicationLog: Sendable {
    private let sink: @Sendable (ApplicationLogRecord) -> Void

    public init(_ sink: @escaping @Sendable (ApplicationLogRecord) -> Void) {
        self.sink = sink
    }

    /// Drops every line.
    public static let discarding = ApplicationLog { _ in }

    public func callAsFunction(_ level: ApplicationLogLevel, _ session: any SessionContext, _ message: String) {
        sink(ApplicationLogRecord(level: level, uuid: session.uuid, message: message))
    }
}
