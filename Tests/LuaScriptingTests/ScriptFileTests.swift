import Testing
import LuaScripting
import SwitchCore

/// `scripts/ivr_demo.lua` and `scripts/directory_lookup.lua` through the simulated call.
@Suite struct ScriptFileTests {
    /// The dptools plus a stand-in `echo` (the real one lives with the RTP media in Server).
    static func harness() -> ScriptHarness {
        var applications = ApplicationRegistry()
        applications.register("echo") { _, _ in }
        return ScriptHarness(applications: applications)
    }

    static let menuPrompt = "tone %(250,50,440);%(250,0,480)"

    @Test func ivrDemoTransfersToTheEnteredExtension() async {
        let report = await Self.harness().runFile("ivr_demo.lua", digits: "3 1001#")
        #expect(report.outcome == .completed)
        #expect(report.transcript == [
            "answered", "played ivr/welcome.wav", "caller pressed 3", "\(Self.menuPrompt) (interrupted)",
            "collected 3", "set ivr_choice=3", "set read_result=success",
            "caller pressed 1001#", "played ivr/please_enter_extension.wav (interrupted)",
            "collected 1001 (terminator #)", "set ivr_extension=1001", "set read_result=success",
            "log INFO ivr_demo: transferring to 1001", "played ivr/please_hold.wav",
            "transfer 1001 XML default", "log INFO ivr_demo: caller left the menu (transfer)",
            "routed to 1001 in XML/default", "hangup NORMAL_CLEARING",
        ])
    }

    @Test func ivrDemoMenuOptionsRetriesAndGoodbye() async {
        let report = await Self.harness().runFile("ivr_demo.lua", digits: "1 2 9 7 - 4")
        #expect(report.lines("execute") == ["execute echo", "execute playback music/hold_loop.wav"])
        #expect(report.lines("played music") == ["played music/hold_loop.wav"])
        #expect(report.lines("log INFO") == [
            "log INFO ivr_demo: echo test", "log INFO ivr_demo: music on hold", "log INFO ivr_demo: repeating the menu",
            "log INFO ivr_demo: invalid choice 7", "log INFO ivr_demo: no choice made (2/3)",
            "log INFO ivr_demo: invalid choice 4", "log INFO ivr_demo: caller left the menu (hangup)",
        ])
        #expect(report.lines("played ivr/invalid_entry.wav").count == 2)
        #expect(Array(report.transcript.suffix(3)) == [
            "played ivr/goodbye.wav", "hangup NORMAL_CLEARING", "log INFO ivr_demo: caller left the menu (hangup)",
        ])
    }

    @Test func ivrDemoCallerHangingUpMidMenu() async {
        let report = await Self.harness().runFile("ivr_demo.lua", digits: "!")
        #expect(report.outcome == .completed)
        #expect(report.transcript.contains("caller hung up"))
        #expect(report.lines("played ivr/goodbye.wav").isEmpty)
        #expect(report.lines("log INFO") == ["log INFO ivr_demo: caller left the menu (hangup)"])
    }

    @Test func directoryLookupFindsTheUserAndTransfers() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path + "/directory.sqlite"
        let setup = await ScriptHarness().run("""
            local dbh = freeswitch.Dbh("sqlite://\(database)")
            assert(dbh:query([[CREATE TABLE users (id TEXT NOT NULL, domain TEXT NOT NULL, display_name TEXT,
              ha1_md5 TEXT NOT NULL, ha1_sha256 TEXT NOT NULL, verto_hash TEXT NOT NULL, voicemail_pin TEXT,
              cid_name TEXT, cid_number TEXT, context TEXT NOT NULL, variables TEXT NOT NULL,
              PRIMARY KEY (id, domain))]]))
            assert(dbh:query([[INSERT INTO users VALUES ('1001', 'example.com', 'Alice', 'x', 'x', 'x', NULL,
              'Alice A', '1001', 'default', '{}'), ('1002', 'other.org', 'Bob', 'x', 'x', 'x', NULL, NULL, NULL,
              'default', '{}')]]))
            """)
        #expect(setup.outcome == .completed)
        let found = await ScriptHarness().runFile(
            "directory_lookup.lua \(database) example.com", digits: "1001#")
        #expect(found.lines("log INFO") == ["log INFO directory_lookup: found 1001 (Alice)"])
        #expect(found.lines("played digits") == [
            "played digits/1.wav", "played digits/0.wav", "played digits/0.wav", "played digits/1.wav",
        ])
        #expect(found.transcript.contains("set lookup_name=Alice"))
        #expect(found.transcript.contains("transfer 1001 XML default"))
        let missing = await ScriptHarness().runFile(
            "directory_lookup.lua \(database) example.com", digits: "1002#")
        #expect(missing.lines("log INFO") == ["log INFO directory_lookup: no user 1002@example.com"])
        #expect(missing.transcript.suffix(3) == [
            "played ivr/not_available.wav", "played ivr/goodbye.wav", "hangup UNALLOCATED_NUMBER",
        ])
    }
}
