/// The SIP `Date` header format (RFC 3261 §20.17 and §25.1): RFC 1123 dates, always in GMT.
///
/// ```
/// SIP-date = wkday "," SP date1 SP time SP "GMT"      e.g.  Sat, 13 Nov 2010 23:29:00 GMT
/// ```
///
/// Civil dates come from days since the epoch by the proleptic-Gregorian algorithm of H. Hinnant
/// ("chrono-compatible low-level date algorithms"), so no Foundation formatter is needed.
public enum SIPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Wdy, DD Mon YYYY HH:MM:SS GMT` for `time`. Years outside 0…9999 are written with as many digits as
    /// they need.
    public static func format(_ time: UnixTime) -> String {
        let days = floorDiv(time.seconds, 86_400)
        let secondOfDay = time.seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let weekday = Int(floorMod(days + 4, 7))  // 1970-01-01 was a Thursday.
        return weekdays[weekday] + ", " + pad(day, 2) + " " + months[month - 1] + " " + pad(year, 4) + " "
            + pad(Int64(secondOfDay / 3600), 2) + ":" + pad(Int64(secondOfDay / 60 % 60), 2) + ":"
            + pad(Int64(secondOfDay % 60), 2) + " GMT"
    }

    /// Parses a SIP-date; `nil` when malformed, out of range, or not GMT. The weekday must be a valid name
    /// but is not checked against the date.
    public static func parse(_ text: String) -> UnixTime? {
        let parts = text.trimmingSIPWhitespace().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), weekdays.contains(String(parts[0].dropLast())),
            parts[5] == "GMT", parts[1].count == 2, let day = Int64(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
            parts[3].count == 4, let year = Int64(parts[3])
        else {
            return nil
        }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }), let h = Int64(clock[0]), let m = Int64(clock[1]),
            let s = Int64(clock[2]), (0..<24).contains(h), (0..<60).contains(m), (0..<61).contains(s)
        else {
            return nil
        }
        let month = Int64(monthIndex + 1)
        guard day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return UnixTime(seconds: days(fromCivil: year, month, day) * 86_400 + h * 3600 + m * 60 + s)
    }

    // MARK: - Calendar arithmetic

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), Int(month), day)
    }

    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
