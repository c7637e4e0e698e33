import Dialplan
import Testing

@Suite("Hunting: fields, expressions and captures")
struct FieldHuntingTests {
    static let plan = """
        <extension name="by_caller">
          <condition field="caller_id_number" expression="^2000$">
            <action application="log" data="vip"/>
          </condition>
        </extension>
        <extension name="local">
          <condition field="destination_number" expression="^(10[01][0-9])$">
            <action application="bridge" data="user/$1@${domain_name}"/>
          </condition>
        </extension>
        <extension name="two_groups">
          <condition field="destination_number" expression="^(\\d{3})\\*(\\d+)$">
            <action application="log" data="$0 a=$1 b=${2} missing=[$7] dollar=$x cost=$$1"/>
          </condition>
        </extension>
        <extension name="no_parens">
          <condition field="destination_number" expression="^77\\d$">
            <action application="log" data="kept $1"/>
          </condition>
        </extension>
        <extension name="from_lan">
          <condition field="network_addr" expression="^192\\.0\\.2\\." />
          <condition field="destination_number" expression="^lan$">
            <action application="answer"/>
          </condition>
        </extension>
        <extension name="by_variable">
          <condition field="${sip_to_user}" expression="^sales$">
            <action application="transfer" data="2000"/>
          </condition>
        </extension>
        <extension name="unknown_field">
          <condition field="no_such_field" expression="^$"/>
          <condition field="destination_number" expression="^empty$">
            <action application="log" data="unknown field is empty"/>
          </condition>
        </extension>
        <extension name="always">
          <condition>
            <action application="hangup" data="CALL_REJECTED"/>
          </condition>
        </extension>
        """

    struct Row: Sendable, CustomTestStringConvertible {
        var destination: String
        var caller = "1000"
        var variables: [String: String] = [:]
        var extensions: [String]
        var calls: [String]
        var testDescription: String { destination }
    }

    static let rows: [Row] = [
        Row(destination: "1001", extensions: ["local"], calls: ["bridge(user/1001@${domain_name})"]),
        Row(destination: "1019", extensions: ["local"], calls: ["bridge(user/1019@${domain_name})"]),
        Row(destination: "1020", extensions: ["always"], calls: ["hangup(CALL_REJECTED)"]),
        Row(destination: "1001", caller: "2000", extensions: ["by_caller"], calls: ["log(vip)"]),
        Row(
            destination: "123*45", extensions: ["two_groups"],
            calls: ["log(123*45 a=123 b=45 missing=[] dollar=$x cost=$123)"]),
        Row(destination: "771", extensions: ["no_parens"], calls: ["log(kept $1)"]),
        Row(destination: "lan", extensions: ["from_lan"], calls: ["answer()"]),
        Row(destination: "x", variables: ["sip_to_user": "sales"], extensions: ["by_variable"], calls: ["transfer(2000)"]),
        Row(destination: "empty", extensions: ["unknown_field"], calls: ["log(unknown field is empty)"]),
    ]

    @Test(arguments: rows)
    func hunts(row: Row) throws {
        let plan = try compileExtensions(Self.plan)
        let result = plan.hunt(row.destination, callerIDNumber: row.caller, variables: row.variables)
        #expect(result.matchedExtensions == row.extensions)
        #expect(result.calls == row.calls)
    }

    @Test func contextFallsBackToGlobalThenNoRoute() throws {
        let withGlobal = try compile("""
            <include><context name="global"><extension name="g"><condition>
              <action application="answer"/></condition></extension></context></include>
            """)
        #expect(withGlobal.hunt("1", context: "nowhere").matchedExtensions == ["g"])
        let without = try compileExtensions(Self.plan)
        let result = without.hunt("1001", context: "nowhere")
        #expect(result.isNoRoute)
        #expect(result.matchedExtensions.isEmpty)
    }

    @Test func noMatchingExtensionIsNoRoute() throws {
        let plan = try compileExtensions("""
            <extension name="only"><condition field="destination_number" expression="^1$">
              <action application="answer"/></condition></extension>
            """)
        let result = plan.hunt("2")
        #expect(result.isNoRoute)
        #expect(result.actions.isEmpty)
    }

    @Test func continueAppendsActionsOfLaterExtensions() throws {
        let plan = try compileExtensions("""
            <extension name="global" continue="true"><condition>
              <action application="set" data="seen=1"/></condition></extension>
            <extension name="skipped"><condition field="destination_number" expression="^9$">
              <action application="log" data="no"/></condition></extension>
            <extension name="target"><condition field="destination_number" expression="^(5)$">
              <action application="log" data="got $1"/></condition></extension>
            <extension name="after_stop"><condition>
              <action application="log" data="never"/></condition></extension>
            """)
        let result = plan.hunt("5")
        #expect(result.matchedExtensions == ["global", "target"])
        #expect(result.calls == ["set(seen=1)", "log(got 5)"])
        #expect(result.actions.map(\.extensionName) == ["global", "target"])
    }

    @Test func autoHuntStartsAtTheExtensionNamedLikeTheDestination() throws {
        let plan = try compileExtensions("""
            <extension name="first"><condition><action application="log" data="first"/></condition></extension>
            <extension name="4000"><condition><action application="log" data="direct"/></condition></extension>
            """)
        #expect(plan.hunt("4000").calls == ["log(first)"])
        #expect(plan.hunt("4000", variables: ["auto_hunt": "true"]).calls == ["log(direct)"])
    }

    @Test func expressionElementWithCDATAAndActionBodyText() throws {
        let plan = try compileExtensions("""
            <extension name="cdata"><condition field="destination_number">
              <expression><![CDATA[^(\\d+)<>$]]></expression>
              <action application="log">body $1</action>
            </condition></extension>
            """)
        #expect(plan.hunt("42<>").calls == ["log(body 42)"])
    }

    @Test func loopQueuesTheActionSeveralTimes() throws {
        let plan = try compileExtensions("""
            <extension name="beep"><condition>
              <action application="playback" data="tone_stream://%(100,0,800)" loop="3"/>
            </condition></extension>
            """)
        #expect(plan.hunt("1").actions.count == 3)
    }
}
