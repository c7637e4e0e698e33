import Dialplan
import Testing

/// `inline="true"` actions and the expansion rules that keep caller text from being expanded.
@Suite("Hunting: inline actions and variable expansion")
struct InlineActionTests {
    @Test func inlineSetIsVisibleToLaterConditions() throws {
        let plan = try compileExtensions("""
            <extension name="classify" continue="true"><condition field="caller_id_number" expression="^(1\\d{3})$">
              <action application="set" data="caller_class=internal-$1" inline="true"/>
            </condition></extension>
            <extension name="internal"><condition field="${caller_class}" expression="^internal-(\\d+)$">
              <action application="log" data="internal caller $1"/>
            </condition></extension>
            <extension name="external"><condition><action application="log" data="external"/></condition></extension>
            """)
        let internalCall = plan.hunt("5", callerIDNumber: "1004")
        #expect(internalCall.calls == ["log(internal caller 1004)"])
        #expect(internalCall.inlineActions.map(\.data) == ["caller_class=internal-1004"])
        #expect(internalCall.variables["caller_class"] == "internal-1004")
        #expect(plan.hunt("5", callerIDNumber: "555").calls == ["log(external)"])
    }

    @Test func inlineDataExpandsVariablesAndCapturesInOnePass() throws {
        let plan = try compileExtensions("""
            <extension name="e" continue="true"><condition field="destination_number" expression="^(.*)$">
              <action application="set" data="dialed=$1 by ${caller_id_number} in ${zone}" inline="true"/>
            </condition></extension>
            """)
        let result = plan.hunt("${zone}", variables: ["zone": "${secret}", "secret": "s3cr3t"])
        // The caller's `${zone}` and the variable's `${secret}` are inserted as text, never expanded again.
        #expect(result.variables["dialed"] == "${zone} by 1000 in ${secret}")
    }

    @Test func setUnsetExportAndMultiset() throws {
        let plan = try compileExtensions("""
            <extension name="e"><condition>
              <action application="set" data="a=1" inline="true"/>
              <action application="set" data="doomed=1" inline="true"/>
              <action application="unset" data="doomed" inline="true"/>
              <action application="set" data="preset=" inline="true"/>
              <action application="export" data="b=2" inline="true"/>
              <action application="export" data="nolocal:c=3" inline="true"/>
              <action application="multiset" data="^^,d=4,e=5" inline="true"/>
              <action application="answer"/>
            </condition></extension>
            """)
        let result = plan.hunt("1", variables: ["preset": "x"])
        #expect(result.variables == ["a": "1", "b": "2", "d": "4", "e": "5"])
        #expect(result.exportedVariables == ["b": "2", "c": "3"])
        #expect(result.calls == ["answer()"])
        #expect(result.inlineActions.count == 7)
    }

    @Test func inlineActionsThatAreNotRoutingSafeAreSkipped() throws {
        let plan = try compileExtensions("""
            <extension name="e"><condition>
              <action application="playback" data="beep.wav" inline="true"/>
              <action application="log" data="INFO hello" inline="true"/>
              <action application="answer"/>
            </condition></extension>
            """)
        let result = plan.hunt("1")
        #expect(result.skippedInlineActions.map(\.application) == ["playback"])
        #expect(result.inlineActions.map(\.application) == ["log"])
        #expect(result.calls == ["answer()"])
    }

    @Test func onlyInlineActionsMeansNoRoute() throws {
        let plan = try compileExtensions("""
            <extension name="e"><condition><action application="set" data="x=1" inline="true"/></condition></extension>
            """)
        let result = plan.hunt("1")
        #expect(result.matchedExtensions == ["e"])
        #expect(result.isNoRoute)
    }

    /// Security rule: the dialplan substitutes only `$N`; `${var}` is for the session, and captured caller
    /// text is kept as a literal segment so the session's expansion cannot reach into it.
    @Test func queuedActionDataKeepsCapturesLiteral() throws {
        let plan = try compileExtensions("""
            <extension name="e"><condition field="destination_number" expression="^(.+)$">
              <action application="bridge" data="user/$1@${domain_name}"/>
            </condition></extension>
            """)
        let result = plan.hunt("${system(rm -rf /)}")
        let data = try #require(result.actions.first?.data)
        #expect(data.segments == [.template("user/"), .literal("${system(rm -rf /)}"), .template("@${domain_name}")])
        #expect(data.text == "user/${system(rm -rf /)}@${domain_name}")
        let expanded = data.expanded { $0 == "domain_name" ? "example.org" : "EXPANDED" }
        #expect(expanded == "user/${system(rm -rf /)}@example.org")
    }

    @Test func fieldVariablesExpandOnce() throws {
        let plan = try compileExtensions("""
            <extension name="e"><condition field="${a}" expression="^\\$\\{b\\}$">
              <action application="log" data="not re-expanded"/>
            </condition></extension>
            """)
        #expect(plan.hunt("1", variables: ["a": "${b}", "b": "oops"]).calls == ["log(not re-expanded)"])
    }

    @Test func expressionsAreVariableExpanded() throws {
        let plan = try compileExtensions("""
            <extension name="e"><condition field="caller_id_number" expression="^${boss}$">
              <action application="log" data="boss"/>
            </condition></extension>
            """)
        #expect(plan.hunt("1", callerIDNumber: "1007", variables: ["boss": "1007"]).calls == ["log(boss)"])
        #expect(plan.hunt("1", callerIDNumber: "1007", variables: ["boss": "1008"]).isNoRoute)
    }

    @Test(arguments: [
        ("a$1b", [DialplanVariableExpander.Token.text("a"), .capture(1), .text("b")]),
        ("${x}${12}$", [.variable("x"), .capture(12), .text("$")]),
        ("${a${b}}", [.variable("a${b}")]),
        ("$${y} ${unclosed", [.text("$"), .variable("y"), .text(" ${unclosed")]),
    ])
    func tokenizer(template: String, tokens: [DialplanVariableExpander.Token]) {
        #expect(DialplanVariableExpander.tokenize(template) == tokens)
    }
}
