import Testing
@testable import SIPStack

/// `SIPDate`: the RFC 1123 `Date` header format of RFC 3261 §20.17 (expected values from Python's
/// email.utils.formatdate).
@Suite struct RegistrarDateTests {
    @Test(arguments: [
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"),
        (1_700_000_000, "Tue, 14 Nov 2023 22:13:20 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (1_289_690_940, "Sat, 13 Nov 2010 23:29:00 GMT"),  // the RFC 3261 §20.17 example
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
        (4_102_444_800, "Fri, 01 Jan 2100 00:00:00 GMT"),
    ])
    func formats(seconds: Int64, expected: String) {
        #expect(SIPDate.format(UnixTime(seconds: seconds)) == expected)
        #expect(SIPDate.parse(expected) == UnixTime(seconds: seconds))
    }

    /// Every day boundary over four centuries round-trips (leap years, century rules).
    @Test func civilConversionRoundTrips() {
        var previous: (Int64, Int, Int64)?
        for days in stride(from: Int64(-146_097), through: 146_097 * 2, by: 1) {
            let civil = SIPDate.civil(fromDays: days)
            #expect(SIPDate.days(fromCivil: civil.year, Int64(civil.month), civil.day) == days)
            if let p = previous {
                // Consecutive days: the day advances by one, or the month (or year) rolls over to day 1.
                let advanced = (civil.year == p.0 && civil.month == p.1 && civil.day == p.2 + 1) || civil.day == 1
                #expect(advanced)
            }
            previous = civil
        }
    }

    @Test(arguments: [
        "Sat, 13 Nov 2010 23:29:00 UTC",
        "Sat 13 Nov 2010 23:29:00 GMT",
        "Sat, 13 Nov 2010 23:29 GMT",
        "Sat, 31 Nov 2010 23:29:00 GMT",
        "Sat, 29 Feb 2010 00:00:00 GMT",
        "Xyz, 13 Nov 2010 23:29:00 GMT",
        "Sat, 13 Foo 2010 23:29:00 GMT",
        "Sat, 13 Nov 2010 24:00:00 GMT",
        "Sat, 13 Nov 10 23:29:00 GMT",
        "",
    ])
    func rejectsMalformedDates(text: String) {
        #expect(SIPDate.parse(text) == nil)
    }

    @Test func acceptsLeapDayAndSurroundingWhitespace() {
        #expect(SIPDate.parse("  Tue, 29 Feb 2000 00:00:00 GMT ") == UnixTime(seconds: 951_782_400))
    }
}
