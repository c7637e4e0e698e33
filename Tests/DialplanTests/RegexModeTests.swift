import Dialplan
import Testing

/// `<condition regex="all|any|xor">` with `<regex field= expression=>` children (compat §2.1).
@Suite("Hunting: regex all / any / xor")
struct RegexModeTests {
    static func plan(_ mode: String) throws -> DialplanPlan {
        try compileExtensions("""
            <extension name="multi">
              <condition regex="\(mode)">
                <regex field="caller_id_number" expression="^(1\\d{3})$"/>
                <regex field="${sip_to_user}" expression="^(sales|support)$"/>
                <action application="log" data="matched $1"/>
                <anti-action application="log" data="anti"/>
              </condition>
            </extension>
            """)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var mode: String
        var caller: String
        var toUser: String
        var calls: [String]
        var testDescription: String { "\(mode) caller=\(caller) to=\(toUser)" }
    }

    static let rows: [Row] = [
        Row(mode: "all", caller: "1000", toUser: "sales", calls: ["log(matched sales)"]),
        Row(mode: "all", caller: "1000", toUser: "nobody", calls: ["log(anti)"]),
        Row(mode: "all", caller: "555", toUser: "sales", calls: ["log(anti)"]),
        Row(mode: "any", caller: "1000", toUser: "sales", calls: ["log(matched 1000)"]),
        Row(mode: "any", caller: "555", toUser: "support", calls: ["log(matched support)"]),
        Row(mode: "any", caller: "555", toUser: "nobody", calls: ["log(anti)"]),
        Row(mode: "xor", caller: "1000", toUser: "nobody", calls: ["log(matched 1000)"]),
        Row(mode: "xor", caller: "555", toUser: "sales", calls: ["log(matched sales)"]),
        Row(mode: "xor", caller: "1000", toUser: "sales", calls: ["log(anti)"]),
        Row(mode: "xor", caller: "555", toUser: "nobody", calls: ["log(anti)"]),
    ]

    @Test(arguments: rows)
    func regexMode(row: Row) throws {
        let result = try Self.plan(row.mode).hunt("1", callerIDNumber: row.caller, variables: ["sip_to_user": row.toUser])
        #expect(result.calls == row.calls)
    }

    /// FreeSWITCH issue #3141: with `regex="all"` and a `${var}` field the captures were lost.
    @Test func capturesFromAVariableFieldSurviveRegexAll() throws {
        let plan = try compileExtensions("""
            <extension name="e"><condition regex="all">
              <regex field="destination_number" expression="^\\d+$"/>
              <regex field="${sip_to_user}" expression="^(\\w+)@(\\w+)$"/>
              <action application="log" data="user=$1 host=$2"/>
            </condition></extension>
            """)
        #expect(plan.hunt("12", variables: ["sip_to_user": "bob@example"]).calls == ["log(user=bob host=example)"])
    }

    @Test func regexChildrenMayCarryTimeAttributes() throws {
        let plan = try compileExtensions("""
            <extension name="e"><condition regex="any">
              <regex wday="sat-sun"/>
              <regex field="destination_number" expression="^weekend-only$"/>
              <action application="log" data="open"/>
            </condition></extension>
            """)
        #expect(plan.hunt("x").isNoRoute)
        let saturday = DialplanTime(year: 2025, month: 3, mday: 15, wday: 7, hour: 9, minute: 0, yday: 74)
        #expect(plan.hunt("x", now: saturday).calls == ["log(open)"])
    }

    @Test func unknownRegexModeIsALoadError() throws {
        let error = #expect(throws: DialplanLoadError.self) {
            try compile("<include><context name=\"x\"><extension name=\"e\">\n<condition regex=\"most\"/></extension></context></include>")
        }
        #expect(error?.kind == .unknownRegexMode)
        #expect(error?.line == 2)
    }
}
