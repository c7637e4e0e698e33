import Dialplan
import Testing

/// `break=` rules and anti-actions (compat §2.4 step 3, mod_dialplan_xml.c `parse_exten`).
@Suite("Hunting: break rules and anti-actions")
struct BreakAndAntiActionTests {
    /// Two conditions: the first tests `first`, the second `second`; each has an action and an anti-action.
    /// A trailing catch-all extension shows whether the first extension matched.
    static func plan(break rule: String, antiActions: Bool = true) throws -> DialplanPlan {
        let anti1 = antiActions ? #"<anti-action application="log" data="anti1 $1"/>"# : ""
        let anti2 = antiActions ? #"<anti-action application="log" data="anti2"/>"# : ""
        return try compileExtensions("""
            <extension name="ext">
              <condition field="${first}" expression="^(yes)$" break="\(rule)">
                <action application="log" data="act1 $1"/>\(anti1)
              </condition>
              <condition field="${second}" expression="^yes$">
                <action application="log" data="act2"/>\(anti2)
              </condition>
            </extension>
            <extension name="fallback"><condition><action application="log" data="fallback"/></condition></extension>
            """)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var rule: String
        var first: String
        var second: String
        var antiActions = true
        var calls: [String]
        var testDescription: String { "break=\(rule) first=\(first) second=\(second) anti=\(antiActions)" }
    }

    static let rows: [Row] = [
        // on-false (default): a false condition stops the extension; its anti-actions still make it match.
        Row(rule: "on-false", first: "yes", second: "yes", calls: ["log(act1 yes)", "log(act2)"]),
        Row(rule: "on-false", first: "no", second: "yes", calls: ["log(anti1 $1)"]),
        Row(rule: "on-false", first: "yes", second: "no", calls: ["log(act1 yes)", "log(anti2)"]),
        Row(rule: "on-false", first: "no", second: "yes", antiActions: false, calls: ["log(fallback)"]),
        // on-true: a true condition stops; a false one goes on to the next condition.
        Row(rule: "on-true", first: "yes", second: "yes", calls: ["log(act1 yes)"]),
        Row(rule: "on-true", first: "no", second: "yes", calls: ["log(anti1 $1)", "log(act2)"]),
        Row(rule: "on-true", first: "no", second: "yes", antiActions: false, calls: ["log(act2)"]),
        // always: stop after this condition whatever it gave.
        Row(rule: "always", first: "yes", second: "yes", calls: ["log(act1 yes)"]),
        Row(rule: "always", first: "no", second: "yes", calls: ["log(anti1 $1)"]),
        Row(rule: "always", first: "no", second: "yes", antiActions: false, calls: ["log(fallback)"]),
        // never: always go on; the last condition decides.
        Row(rule: "never", first: "no", second: "yes", calls: ["log(anti1 $1)", "log(act2)"]),
        Row(rule: "never", first: "no", second: "yes", antiActions: false, calls: ["log(act2)"]),
        Row(
            rule: "never", first: "yes", second: "no", antiActions: false,
            calls: ["log(act1 yes)", "log(fallback)"]),
    ]

    @Test(arguments: rows)
    func breakRule(row: Row) throws {
        let plan = try Self.plan(break: row.rule, antiActions: row.antiActions)
        let result = plan.hunt("1", variables: ["first": row.first, "second": row.second])
        #expect(result.calls == row.calls)
    }

    @Test func antiActionsNeverGetCaptureSubstitution() throws {
        let result = try Self.plan(break: "on-false").hunt("1", variables: ["first": "no"])
        #expect(result.calls == ["log(anti1 $1)"])
        #expect(result.matchedExtensions == ["ext"])
    }

    /// FreeSWITCH appends a true condition's actions immediately, so they stay queued even when a later
    /// condition of the same extension fails and hunting moves on.
    @Test func actionsOfAnEarlierTrueConditionStayQueued() throws {
        let plan = try Self.plan(break: "on-false", antiActions: false)
        let result = plan.hunt("1", variables: ["first": "yes", "second": "no"])
        #expect(result.matchedExtensions == ["fallback"])
        #expect(result.calls == ["log(act1 yes)", "log(fallback)"])
    }

    @Test func breakValueIsCaseInsensitive() throws {
        let plan = try Self.plan(break: "ON-TRUE")
        #expect(plan.hunt("1", variables: ["first": "yes", "second": "yes"]).calls == ["log(act1 yes)"])
    }
}
