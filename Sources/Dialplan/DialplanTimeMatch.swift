/// Time attributes of a `<condition>` or `<regex>` (compat §2.3); every present attribute must match.
///
/// `tz-offset` and `dst` are accepted and ignored: ``DialplanTime`` is already local time.
public struct DialplanTimeMatch: Sendable, Equatable {
    /// A numeric attribute: comma list of single values and inclusive `a-b` ranges (`a > b` wraps around).
    public struct NumberSet: Sendable, Equatable {
        public var ranges: [ClosedRange<Int>]

        public func contains(_ value: Int) -> Bool {
            ranges.contains { $0.contains(value) }
        }
    }

    /// `time-of-day` / `date-time` ranges in seconds (of the day / since year 0); `start...end` inclusive
    /// for time-of-day (wrapping past midnight when `start > end`), `start..<end` for date-time.
    public struct Span: Sendable, Equatable {
        public var start: Int
        public var end: Int
    }

    public var numbers: [String: NumberSet] = [:]
    public var timeOfDay: [Span] = []
    public var dateTime: [Span] = []

    /// Attribute names this type understands (others on a condition are not time attributes).
    public static let attributeNames: Set<String> = [
        "year", "yday", "mon", "mday", "week", "mweek", "wday", "hour", "minute", "minute-of-day",
        "time-of-day", "date-time", "tz-offset", "dst",
    ]

    static let bounds: [String: ClosedRange<Int>] = [
        "year": 0...9999, "yday": 1...366, "mon": 1...12, "mday": 1...31, "week": 1...53, "mweek": 1...6,
        "wday": 1...7, "hour": 0...23, "minute": 0...59, "minute-of-day": 1...1440,
    ]

    public init() {}

    public func matches(_ now: DialplanTime) -> Bool {
        for (name, set) in numbers where !set.contains(Self.value(of: name, at: now)) {
            return false
        }
        if !timeOfDay.isEmpty {
            let second = now.secondOfDay
            let hit = timeOfDay.contains { span in
                span.start <= span.end
                    ? (span.start...span.end).contains(second) : second >= span.start || second <= span.end
            }
            if !hit { return false }
        }
        if !dateTime.isEmpty {
            let stamp = Self.stamp(now.year, now.month, now.mday, now.secondOfDay)
            if !dateTime.contains(where: { $0.start <= stamp && stamp < $0.end }) { return false }
        }
        return true
    }

    static func value(of name: String, at now: DialplanTime) -> Int {
        switch name {
        case "year": now.year
        case "yday": now.yday
        case "mon": now.month
        case "mday": now.mday
        case "week": now.week
        case "mweek": now.monthWeek
        case "wday": now.wday
        case "hour": now.hour
        case "minute": now.minute
        default: now.minuteOfDay
        }
    }

    /// A monotone number for a calendar instant (month lengths need not be exact, only order-preserving).
    static func stamp(_ year: Int, _ month: Int, _ day: Int, _ secondOfDay: Int) -> Int {
        ((year * 13 + month) * 32 + day) * 86_400 + secondOfDay
    }
}
