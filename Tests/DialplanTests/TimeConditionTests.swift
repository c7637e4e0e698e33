import Dialplan
import Testing

/// Time attributes (compat §2.3), evaluated against a fixed `DialplanTime`: Wednesday 2025-03-12 10:30:15.
@Suite("Hunting: time conditions")
struct TimeConditionTests {
    static func plan(_ attributes: String) throws -> DialplanPlan {
        try compileExtensions("""
            <extension name="timed"><condition \(attributes)>
              <action application="log" data="open"/>
              <anti-action application="log" data="closed"/>
            </condition></extension>
            """)
    }

    static let rows: [(String, Bool)] = [
        (#"wday="4""#, true), (#"wday="wed""#, true), (#"wday="mon-fri""#, true), (#"wday="sat-sun""#, false),
        (#"wday="sat,sun,wed""#, true), (#"wday="fri-mon""#, false), (#"wday="Wednesday""#, true),
        (#"hour="10""#, true), (#"hour="9-11""#, true), (#"hour="11-23""#, false), (#"hour="22-6""#, false),
        (#"minute="30""#, true), (#"minute="0-29""#, false),
        (#"minute-of-day="631""#, true), (#"minute-of-day="600-630""#, false), (#"minute-of-day="1-1440""#, true),
        (#"time-of-day="08:00-17:30""#, true), (#"time-of-day="10:30:16-11:00""#, false),
        (#"time-of-day="10:00-10:30:15""#, true), (#"time-of-day="22:00-06:00""#, false),
        (#"time-of-day="00:00-01:00,10:00-11:00""#, true),
        (#"mday="12""#, true), (#"mday="1-11""#, false),
        (#"mon="3""#, true), (#"mon="4""#, false), (#"mon="11-3""#, true),
        (#"year="2025""#, true), (#"year="2024""#, false),
        (#"yday="71""#, true), (#"yday="72""#, false),
        (#"week="11""#, true), (#"week="10""#, false),
        (#"mweek="3""#, true), (#"mweek="2""#, false),
        (#"date-time="2025-03-12 10:00~2025-03-12 11:00""#, true),
        (#"date-time="2025-03-12 10:30:16~2025-03-13 00:00""#, false),
        (#"date-time="2024-12-24 00:00~2025-01-02 00:00,2025-03-01 00:00~2025-04-01 00:00""#, true),
        (#"wday="mon-fri" hour="9-17""#, true), (#"wday="mon-fri" hour="18-23""#, false),
        (#"tz-offset="-5" hour="10""#, true),
    ]

    @Test(arguments: rows)
    func timeAttribute(attributes: String, open: Bool) throws {
        let result = try Self.plan(attributes).hunt("1")
        #expect(result.calls == [open ? "log(open)" : "log(closed)"])
    }

    @Test func nightTimeWrapsPastMidnight() throws {
        let plan = try Self.plan(#"time-of-day="22:00-06:00""#)
        let lateNight = DialplanTime(year: 2025, month: 3, mday: 12, wday: 4, hour: 23, minute: 5, yday: 71)
        let earlyMorning = DialplanTime(year: 2025, month: 3, mday: 13, wday: 5, hour: 5, minute: 59, yday: 72)
        #expect(plan.hunt("1", now: lateNight).calls == ["log(open)"])
        #expect(plan.hunt("1", now: earlyMorning).calls == ["log(open)"])
    }

    @Test func clockIsReadOnlyAtTheFirstTimeCondition() throws {
        let input = DialplanInput(
            destinationNumber: "1", callerIDNumber: "1000", callerIDName: "Alice", context: "default",
            networkAddr: "192.0.2.10")
        var reads = 0
        let untimed = try compileExtensions(#"<extension name="any"><condition field="destination_number" expression="^1$"><action application="log" data="open"/></condition></extension>"#)
        _ = untimed.hunt(context: "default", channel: input) { reads += 1; return wednesdayMorning }
        #expect(reads == 0)
        let timed = try compileExtensions(#"""
            <extension name="a" continue="true"><condition wday="wed"><action application="log" data="a"/></condition></extension>
            <extension name="b"><condition hour="10"><action application="log" data="b"/></condition></extension>
            """#)
        let result = timed.hunt(context: "default", channel: input) { reads += 1; return wednesdayMorning }
        #expect(result.calls == ["log(a)", "log(b)"])
        #expect(reads == 1)
    }

    @Test func derivedCalendarFields() {
        #expect(wednesdayMorning.minuteOfDay == 631)
        #expect(wednesdayMorning.week == 11)
        #expect(wednesdayMorning.monthWeek == 3)
        let firstOfMonth = DialplanTime(year: 2025, month: 3, mday: 1, wday: 7, hour: 0, minute: 0, yday: 60)
        #expect(firstOfMonth.monthWeek == 1)
        #expect(firstOfMonth.minuteOfDay == 1)
        let sunday = DialplanTime(year: 2025, month: 3, mday: 2, wday: 1, hour: 0, minute: 0, yday: 61)
        #expect(sunday.monthWeek == 2)
    }

    /// Business hours on one condition, destination on another: the portable way (compat §2.3).
    @Test func officeHoursRouting() throws {
        let plan = try compileExtensions("""
            <extension name="office_hours">
              <condition wday="mon-fri" time-of-day="08:00-17:30"/>
              <condition field="destination_number" expression="^(0|operator)$">
                <action application="transfer" data="1000 XML default"/>
              </condition>
            </extension>
            <extension name="after_hours"><condition field="destination_number" expression="^(0|operator)$">
              <action application="voicemail" data="default ${domain_name} 1000"/>
            </condition></extension>
            """)
        #expect(plan.hunt("0").matchedExtensions == ["office_hours"])
        let sunday = DialplanTime(year: 2025, month: 3, mday: 16, wday: 1, hour: 10, minute: 0, yday: 75)
        #expect(plan.hunt("operator", now: sunday).matchedExtensions == ["after_hours"])
    }

    /// A field and time attributes on one condition must both hold here. FreeSWITCH lets the regex decide
    /// (compat §2.3 calls that non-portable); requiring both is the behaviour users expect.
    @Test func fieldAndTimeOnOneConditionMustBothMatch() throws {
        let plan = try Self.plan(#"field="destination_number" expression="^1$" hour="18-23""#)
        #expect(plan.hunt("1").calls == ["log(closed)"])
        #expect(try Self.plan(#"field="destination_number" expression="^1$" hour="10""#).hunt("1").calls == ["log(open)"])
    }

    @Test(arguments: [
        #"wday="funday""#, #"hour="25""#, #"time-of-day="8-17""#, #"date-time="2025-03-12~2025-03-13""#,
        #"mon="0""#, #"minute="a-b""#, #"yday="""#, #"mday="1,,2""#, #"minute-of-day="0""#,
    ])
    func badValueIsALoadError(attributes: String) throws {
        let error = #expect(throws: DialplanLoadError.self) {
            try compile("<include><context name=\"x\"><extension name=\"e\">\n\n<condition \(attributes)/></extension></context></include>")
        }
        #expect(error?.kind == .invalidTimeCondition)
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("inline.xml:3: invalid") == true)
    }
}
