/// One line an application logged, tagged with the leg it ran on.
public struct ApplicationLogRecord: Sendable, Hashable {
    public var level: ApplicationLogLevel
    /// The uuid of the leg (`SWITCH_CHANNEL_SESSION_LOG`).
    public var uuid: String
    public var message: String

    public init(level: ApplicationLogLevel, uuid: String, message: String) {
        self.level = level
        self.uuid = uuid
        self.message = message
    }
}
