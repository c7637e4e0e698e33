/// FreeSWITCH log levels (`switch_log_level_t`), as the `log` application and `console loglevel` name them.
/// Lower raw values are more severe.
public enum ApplicationLogLevel: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case console = 0
    case alert = 1
    case critical = 2
    case error = 3
    case warning = 4
    case notice = 5
    case info = 6
    case debug = 7

    /// The name FreeSWITCH prints (`ERR`, `WARNING` …).
    public var name: String {
        switch self {
        case .console: "CONSOLE"
        case .alert: "ALERT"
        case .critical: "CRIT"
        case .error: "ERR"
        case .warning: "WARNING"
        case .notice: "NOTICE"
        case .info: "INFO"
        case .debug: "DEBUG"
        }
    }

    public var description: String { name }

    /// Parses a level as `switch_log_str2level` does: a name (case-insensitive) or its number 0–7.
    /// `ERROR` and `WARN` are accepted as well, since people write them.
    public init?(parsing text: String) {
        let upper = text.uppercased()
        if let number = Int(upper), let level = ApplicationLogLevel(rawValue: number) {
            self = level
            return
        }
        let aliases: [String: ApplicationLogLevel] = ["ERROR": .error, "WARN": .warning]
        guard let level = Self.allCases.first(where: { $0.name == upper }) ?? aliases[upper] else { return nil }
        self = level
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue > rhs.rawValue }
}
