import Testing
import SwitchCore
@testable import Applications

@Suite struct VariableApplicationTests {
    let harness = ApplicationHarness()

    @Test func setStoresTheValueAfterTheFirstEquals() async throws {
        let session = RecordingSession()
        try await harness.run("set", "call_timeout=30", on: session)
        try await harness.run("set", "sip_h_X=a=b", on: session)
        #expect(session.variables["call_timeout"] == "30")
        #expect(session.variables["sip_h_X"] == "a=b")
        #expect(session.origin(of: "call_timeout") == .system)
    }

    @Test func setKeepsCallerOrigin() async throws {
        let session = RecordingSession()
        try await harness.run("set", "dialed=${evil}", on: session, callerText: true)
        #expect(session.variables["dialed"] == "${evil}")
        #expect(session.origin(of: "dialed") == .caller)
    }

    @Test(arguments: ["foo=", "foo"])
    func setWithoutValueUnsets(data: String) async throws {
        let session = RecordingSession()
        session.seed("foo", "bar")
        try await harness.run("set", data, on: session)
        #expect(session.variables["foo"] == nil)
    }

    @Test(arguments: ["", "=value", "  =x"])
    func setWithoutNameLogsAndChangesNothing(data: String) async throws {
        let session = RecordingSession()
        try await harness.run("set", data, on: session)
        #expect(session.variables.isEmpty)
        #expect(harness.logged(.error).count == 1)
    }

    @Test func exportSetsLocallyAndListsTheName() async throws {
        let session = RecordingSession()
        try await harness.run("export", "a=1", on: session)
        try await harness.run("export", "b=2", on: session)
        try await harness.run("export", "a=3", on: session)
        #expect(session.variables["a"] == "3")
        #expect(session.variables["b"] == "2")
        #expect(session.variables["export_vars"] == "a,b")
    }

    @Test func exportNolocalLeavesTheLocalVariableAlone() async throws {
        let session = RecordingSession()
        session.seed("foo", "local")
        try await harness.run("export", "nolocal:foo=remote", on: session)
        #expect(session.variables["foo"] == "local")
        #expect(session.variables["nolocal:foo"] == "remote")
        #expect(session.variables["export_vars"] == "nolocal:foo")
    }

    @Test func exportKeepsCallerOriginAndRejectsEmptyNames() async throws {
        let session = RecordingSession()
        try await harness.run("export", "x=${y}", on: session, callerText: true)
        try await harness.run("export", "nolocal:=1", on: session)
        #expect(session.origin(of: "x") == .caller)
        #expect(session.variables.names == ["export_vars", "x"])
        #expect(harness.logged(.error).count == 1)
    }

    @Test func unsetRemoves() async throws {
        let session = RecordingSession()
        session.seed("foo", "bar")
        try await harness.run("unset", " foo ", on: session)
        try await harness.run("unset", "", on: session)
        #expect(session.variables.isEmpty)
        #expect(harness.logged(.error).count == 1)
    }

    @Test func multisetSplitsOnSpacesWithQuotes() async throws {
        let session = RecordingSession()
        session.seed("c", "old")
        try await harness.run("multiset", "a=1  b='two words' c=", on: session)
        #expect(session.variables["a"] == "1")
        #expect(session.variables["b"] == "two words")
        #expect(session.variables["c"] == nil)
    }

    @Test func multisetTakesACustomSeparator() async throws {
        let session = RecordingSession()
        try await harness.run("multiset", "^^:a=1:b=x y::c=3", on: session, callerText: true)
        #expect(session.variables["a"] == "1")
        #expect(session.variables["b"] == "x y")
        #expect(session.variables["c"] == "3")
        #expect(session.origin(of: "b") == .caller)
    }

    @Test(arguments: ["", "^^", "^^;"])
    func multisetWithNothingLogs(data: String) async throws {
        let session = RecordingSession()
        try await harness.run("multiset", data, on: session)
        #expect(session.variables.isEmpty)
        #expect(harness.logged(.error).count == 1)
    }

    @Test func multisetSkipsBadItemsAndSetsTheRest() async throws {
        let session = RecordingSession()
        try await harness.run("multiset", "=1 ok=yes", on: session)
        #expect(session.variables["ok"] == "yes")
        #expect(harness.logged(.error).count == 1)
    }
}
