/// Parsing of time-condition attribute values; a bad value is a load error naming file:line.
extension DialplanTimeMatch {
    /// Builds the time match from a condition's attributes; `nil` when it has no time attributes.
    /// Throws a message describing the first bad value.
    static func parse(attributes: [String: String]) throws(DialplanTimeValueError) -> DialplanTimeMatch? {
        var match = DialplanTimeMatch()
        var found = false
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) where attributeNames.contains(name) {
            found = true
            switch name {
            case "tz-offset", "dst":
                continue
            case "time-of-day":
                match.timeOfDay = try parseSpans(value, name: name, separator: "-", parse: parseClock)
            case "date-time":
                match.dateTime = try parseSpans(value, name: name, separator: "~", parse: parseDateTime)
            default:
                match.numbers[name] = try parseNumbers(value, name: name)
            }
        }
        return found ? match : nil
    }

    static let weekdayNames = ["sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7]

    static func parseNumbers(_ value: String, name: String) throws(DialplanTimeValueError) -> NumberSet {
        let bound = bounds[name] ?? 0...Int.max
        var ranges: [ClosedRange<Int>] = []
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.trimmingSpaces.split(separator: "-", omittingEmptySubsequences: false)
            let numbers = parts.map { number(String($0).trimmingSpaces, name: name) }
            guard (1...2).contains(numbers.count), let low = numbers.first ?? nil, let high = numbers.last ?? nil,
                bound.contains(low), bound.contains(high)
            else {
                throw DialplanTimeValueError(message: "invalid \(name) value \"\(value)\" (expected \(bound))")
            }
            if low <= high {
                ranges.append(low...high)
            } else {
                ranges.append(low...bound.upperBound)
                ranges.append(bound.lowerBound...high)
            }
        }
        return NumberSet(ranges: ranges)
    }

    private static func number(_ text: String, name: String) -> Int? {
        if name == "wday", let day = weekdayNames[String(text.lowercased().prefix(3))], text.count >= 3,
            text.allSatisfy(\.isLetter)
        {
            return day
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private static func parseSpans(
        _ value: String, name: String, separator: Character, parse: (String) -> Int?
    ) throws(DialplanTimeValueError) -> [Span] {
        var spans: [Span] = []
        for item in value.split(separator: ",") {
            let ends = item.split(separator: separator).map { String($0).trimmingSpaces }
            guard ends.count == 2, let start = parse(ends[0]), let end = parse(ends[1]) else {
                throw DialplanTimeValueError(message: "invalid \(name) value \"\(value)\"")
            }
            spans.append(Span(start: start, end: end))
        }
        guard !spans.isEmpty else { throw DialplanTimeValueError(message: "empty \(name) value") }
        return spans
    }

    /// `HH:MM[:SS]` → seconds of the day.
    static func parseClock(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(parts.count), let hour = parts[0], let minute = parts[1],
            (0...23).contains(hour) || (hour == 24 && minute == 0), (0...59).contains(minute)
        else { return nil }
        let second = parts.count == 3 ? parts[2] : 0
        guard let second, (0...60).contains(second) else { return nil }
        return hour * 3600 + minute * 60 + second
    }

    /// `YYYY-MM-DD HH:MM[:SS]` → ``stamp(_:_:_:_:)``.
    static func parseDateTime(_ text: String) -> Int? {
        let halves = text.split(separator: " ", omittingEmptySubsequences: true)
        guard halves.count == 2, let clock = parseClock(String(halves[1])) else { return nil }
        let date = halves[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard date.count == 3, let year = date[0], let month = date[1], let day = date[2],
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return stamp(year, month, day, clock)
    }
}

/// A bad time-condition value; ``DialplanLoader`` turns it into a ``DialplanLoadError`` with file:line.
struct DialplanTimeValueError: Error {
    var message: String
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
