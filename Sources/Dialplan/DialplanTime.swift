/// Broken-down local time, like C `struct tm`, supplied by the caller (time is an input; the engine never
/// reads a clock). Field ranges follow the dialplan attributes (compat §2.3), not `tm`.
public struct DialplanTime: Sendable, Equatable {
    public var year: Int
    /// 1–12.
    public var month: Int
    /// Day of month, 1–31.
    public var mday: Int
    /// Day of week, 1–7 with 1 = Sunday.
    public var wday: Int
    /// 0–23.
    public var hour: Int
    /// 0–59.
    public var minute: Int
    /// 0–60.
    public var second: Int
    /// Day of year, 1–366.
    public var yday: Int

    public init(year: Int, month: Int, mday: Int, wday: Int, hour: Int, minute: Int, second: Int = 0, yday: Int) {
        self.year = year
        self.month = month
        self.mday = mday
        self.wday = wday
        self.hour = hour
        self.minute = minute
        self.second = second
        self.yday = yday
    }

    /// `minute-of-day`: 1–1440 (00:00 is 1), as in `switch_xml_std_datetime_check`.
    public var minuteOfDay: Int { hour * 60 + minute + 1 }

    /// Seconds since local midnight (`time-of-day` comparisons).
    public var secondOfDay: Int { hour * 3600 + minute * 60 + second }

    /// `week`: week of the year, 1–53, `tm_yday / 7 + 1` with a zero-based `tm_yday`.
    public var week: Int { (yday - 1) / 7 + 1 }

    /// `mweek`: week of the month, 1–6, counting weeks that start on Sunday (FreeSWITCH's formula).
    public var monthWeek: Int {
        let firstWeekday = (7 - (mday - wday) % 7) % 7
        return (mday + firstWeekday + 6) / 7
    }
}
