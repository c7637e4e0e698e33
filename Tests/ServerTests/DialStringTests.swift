import Testing

@testable import Server

@Suite("Dial strings and originate arguments")
struct DialStringTests {
    @Test func groupsAndSimultaneousTargets() {
        let dial = DialString("user/1000,user/1001|user/1002@example.com")
        #expect(dial.groups.map { $0.map(\.endpoint) } == [["user/1000", "user/1001"], ["user/1002@example.com"]])
    }

    @Test func curlyVariablesApplyToEveryLegAndSquareOnesToTheirTarget() {
        let dial = DialString("{call_timeout=10,origination_caller_id_name='Front, Desk'}[leg=a]user/1000,user/1001")
        #expect(dial.groups.count == 1)
        let legs = dial.groups[0]
        #expect(legs[0].variables == ["call_timeout": "10", "origination_caller_id_name": "Front, Desk", "leg": "a"])
        #expect(legs[1].variables == ["call_timeout": "10", "origination_caller_id_name": "Front, Desk"])
        #expect(legs.map(\.endpoint) == ["user/1000", "user/1001"])
    }

    @Test func userTargets() {
        #expect(DialString.userTarget("user/1000", defaultDomain: "d")! == ("1000", "d"))
        #expect(DialString.userTarget("user/1000@x.org", defaultDomain: "d")! == ("1000", "x.org"))
        #expect(DialString.userTarget("sofia/gateway/gw/1", defaultDomain: "d") == nil)
        #expect(DialString.userTarget("user/", defaultDomain: "d") == nil)
    }

    @Test func originateWithAnApplication() throws {
        let request = try #require(CallExecutor.OriginateRequest(parsing: "{a=b c}user/1000 &playback(/tmp/x y.wav)"))
        #expect(request.dialString == "{a=b c}user/1000")
        #expect(request.destination == .application(name: "playback", arguments: "/tmp/x y.wav"))
        #expect(request.context == "default" && request.timeout == 60)
    }

    @Test func originateToAnExtensionWithEveryOptionalArgument() throws {
        let request = try #require(CallExecutor.OriginateRequest(parsing: "user/1000 9197 XML public Op 4100 20"))
        #expect(request.destination == .extensionNumber("9197"))
        #expect(request.dialplan == "XML" && request.context == "public")
        #expect(request.callerIDName == "Op" && request.callerIDNumber == "4100" && request.timeout == 20)
    }

    @Test func malformedOriginateArgumentsAreRefused() {
        #expect(CallExecutor.OriginateRequest(parsing: "") == nil)
        #expect(CallExecutor.OriginateRequest(parsing: "user/1000") == nil)
        #expect(CallExecutor.OriginateRequest(parsing: "user/1000 &()") == nil)
        #expect(CallExecutor.OriginateRequest(parsing: "user/1000 9197 XML default a b soon") == nil)
    }
}
