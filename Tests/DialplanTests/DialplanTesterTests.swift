import Dialplan
import Testing

/// `switchboard dialplan test <destination> --context <name> --var k=v`.
@Suite("DialplanTester report")
struct DialplanTesterTests {
    static let plan = """
        <extension name="mark" continue="true"><condition field="caller_id_number" expression="^1000$">
          <action application="set" data="vip=yes" inline="true"/>
        </condition></extension>
        <extension name="local"><condition field="destination_number" expression="^(10[01][0-9])$">
          <action application="set" data="call_timeout=30"/>
          <action application="bridge" data="user/$1@${domain_name}"/>
        </condition></extension>
        """

    @Test func matchedReport() throws {
        let report = DialplanTester.run(
            plan: try compileExtensions(Self.plan), destination: "1001", context: "default",
            variables: ["caller_id_number": "1000", "domain_name": "example.org"], now: wednesdayMorning)
        #expect(report.exitStatus == 0)
        #expect(
            report.text == """
                Dialplan: 1001 in context default
                Matched: mark, local
                  inline set(vip=yes)
                  1. [local] set(call_timeout=30)
                  2. [local] bridge(user/1001@${domain_name})

                """)
        #expect(report.result.variables == ["vip": "yes", "domain_name": "example.org"])
    }

    @Test func noRouteReport() throws {
        let report = DialplanTester.run(
            plan: try compileExtensions(Self.plan), destination: "2000", context: "default",
            variables: ["caller_id_number": "1000"], now: wednesdayMorning)
        #expect(report.exitStatus == 1)
        #expect(report.text == "Dialplan: 2000 in context default\nNo route: hangup NO_ROUTE_DESTINATION\n")
    }

    @Test func profileFieldVariablesReachFieldConditions() throws {
        let plan = try compileExtensions("""
            <extension name="lan"><condition field="network_addr" expression="^10\\."/>
              <condition field="ani" expression="^(\\d+)$"><action application="log" data="ani $1"/></condition>
            </extension>
            """)
        let report = DialplanTester.run(
            plan: plan, destination: "1", context: "default",
            variables: ["network_addr": "10.1.2.3", "caller_id_number": "1234"], now: wednesdayMorning)
        #expect(report.exitStatus == 0)
        #expect(report.result.actions.map(\.data.text) == ["ani 1234"])
    }

    @Test func defaultPlanThroughTheTester() throws {
        let report = DialplanTester.run(
            plan: try DefaultPlanTests.load(), destination: "9196", context: "default", variables: [:],
            now: wednesdayMorning)
        #expect(report.exitStatus == 0)
        #expect(report.text.contains("  2. [echo] echo()"))
    }
}
