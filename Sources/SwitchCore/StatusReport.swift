/// The text of the `status` API command, line for line as FreeSWITCH prints it (compat §8.4,
/// mod_commands `status_function`). The CPU line appears only when the figures are given; FreeSWITCH's
/// stack-size line has no meaning here and is left out.
public struct StatusReport: Sendable, Equatable {
    public var uptime: Duration
    public var productName: String
    public var version: String
    /// `ready`, or `not ready` while shutting down.
    public var readiness: String
    public var sessionsSinceStartup: Int
    public var currentSessions: Int
    public var peakSessions: Int
    public var peakSessionsLastFiveMinutes: Int
    public var sessionsPerSecond: Int
    public var peakSessionsPerSecond: Int
    public var peakSessionsPerSecondLastFiveMinutes: Int
    public var maxSessionsPerSecond: Int
    public var maxSessions: Int
    /// (minimum idle CPU setting, current idle CPU), percent.
    public var idleCPU: (minimum: Double, current: Double)?

    public init(
        uptime: Duration, productName: String, version: String, readiness: String = "ready",
        sessionsSinceStartup: Int, currentSessions: Int, peakSessions: Int, peakSessionsLastFiveMinutes: Int,
        sessionsPerSecond: Int, peakSessionsPerSecond: Int, peakSessionsPerSecondLastFiveMinutes: Int,
        maxSessionsPerSecond: Int = 30, maxSessions: Int = 1000, idleCPU: (minimum: Double, current: Double)? = nil
    ) {
        self.uptime = uptime
        self.productName = productName
        self.version = version
        self.readiness = readiness
        self.sessionsSinceStartup = sessionsSinceStartup
        self.currentSessions = currentSessions
        self.peakSessions = peakSessions
        self.peakSessionsLastFiveMinutes = peakSessionsLastFiveMinutes
        self.sessionsPerSecond = sessionsPerSecond
        self.peakSessionsPerSecond = peakSessionsPerSecond
        self.peakSessionsPerSecondLastFiveMinutes = peakSessionsPerSecondLastFiveMinutes
        self.maxSessionsPerSecond = maxSessionsPerSecond
        self.maxSessions = maxSessions
        self.idleCPU = idleCPU
    }

    public static func == (lhs: StatusReport, rhs: StatusReport) -> Bool {
        lhs.text == rhs.text
    }

    public var text: String {
        var lines = [
            Self.uptimeLine(uptime),
            "\(productName) (Version \(version)) is \(readiness)",
            "\(sessionsSinceStartup) session(s) since startup",
            "\(currentSessions) session(s) - peak \(peakSessions), last 5min \(peakSessionsLastFiveMinutes) ",
            "\(sessionsPerSecond) session(s) per Sec out of max \(maxSessionsPerSecond), peak "
                + "\(peakSessionsPerSecond), last 5min \(peakSessionsPerSecondLastFiveMinutes) ",
            "\(maxSessions) session(s) max",
        ]
        if let idleCPU {
            lines.append("min idle cpu \(Self.twoDecimals(idleCPU.minimum))/\(Self.twoDecimals(idleCPU.current))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `UP 0 years, 0 days, 1 hour, 2 minutes, 3 seconds, 4 milliseconds, 5 microseconds` (365-day years;
    /// singular when the count is 1).
    static func uptimeLine(_ uptime: Duration) -> String {
        let (seconds, attoseconds) = uptime.components
        var microseconds = max(0, seconds) * 1_000_000 + max(0, attoseconds) / 1_000_000_000_000
        let units: [(Int64, String)] = [
            (365 * 86_400 * 1_000_000, "year"), (86_400 * 1_000_000, "day"), (3_600 * 1_000_000, "hour"),
            (60 * 1_000_000, "minute"), (1_000_000, "second"), (1_000, "millisecond"), (1, "microsecond"),
        ]
        var parts: [String] = []
        for (size, unit) in units {
            let count = microseconds / size
            microseconds -= count * size
            parts.append("\(count) \(unit)\(count == 1 ? "" : "s")")
        }
        return "UP " + parts.joined(separator: ", ")
    }

    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = abs(hundredths % 100)
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
