import Foundation
import Testing
import LuaScripting
import SwitchCore

@Suite struct FreeswitchTableTests {
    @Test func consoleLogLevelsAndCleanLog() async {
        let report = await ScriptHarness().run("""
            freeswitch.consoleLog("ERR", "bad\\n")
            freeswitch.consoleLog("Warning", "careful")
            freeswitch.consoleLog("bogus", "unknown level")
            freeswitch.consoleCleanLog("plain")
            """)
        #expect(report.lines("log") == [
            "log ERR bad", "log WARNING careful", "log DEBUG unknown level", "log CONSOLE plain",
        ])
    }

    @Test func msleepYieldsOnVirtualTimeAndGlobalsAreShared() async {
        let harness = ScriptHarness()
        harness.globals.set("domain", "example.com")
        let report = await harness.run("""
            freeswitch.msleep(2500)
            freeswitch.setGlobalVariable("last_caller", session:getVariable("caller_id_number"))
            freeswitch.consoleLog("info", freeswitch.getGlobalVariable("domain") .. " "
              .. tostring(freeswitch.getGlobalVariable("missing")))
            """)
        #expect(report.elapsed == .milliseconds(2500))
        #expect(report.lines("log") == ["log INFO example.com nil"])
        #expect(harness.globals["last_caller"] == "1000")
    }

    @Test func apiExecutesRegisteredCommands() async {
        var commands = APICommandRegistry()
        commands.register("echo") { arguments in "echo: \(arguments)\n" }
        let report = await ScriptHarness(api: commands).run("""
            local api = freeswitch.API()
            local a = api:execute("echo", "one two")
            local b = api:executeString("echo three")
            local c = api:executeString("nope")
            local t = tonumber(api:getTime())
            freeswitch.consoleLog("info", a .. b .. c .. tostring(t > 1700000000000))
            """)
        #expect(report.lines("log") == [
            "log INFO echo: one two\necho: three\n-ERR nope Command not found!\ntrue",
        ])
    }

    @Test func jsonEncodesAndDecodes() async {
        let report = await ScriptHarness().run("""
            local json = freeswitch.JSON()
            local t = json:decode('{"name":"alice","ext":1001,"tags":["a","b"],"vip":true,"ratio":0.5}')
            freeswitch.consoleLog("info", t.name .. " " .. t.ext .. " " .. t.tags[2] .. " " .. tostring(t.vip)
              .. " " .. t.ratio)
            freeswitch.consoleLog("info", json:encode({ b = 1, a = { 1, 2, "x" }, e = {} }))
            json:encode_empty_table_as_object(true)
            freeswitch.consoleLog("info", json:encode({ e = {} }))
            local bad, err = json:decode("{nope")
            freeswitch.consoleLog("info", tostring(bad) .. " " .. err)
            """)
        #expect(report.lines("log") == [
            "log INFO alice 1001 b true 0.5", #"log INFO {"a":[1,2,"x"],"b":1,"e":[]}"#, #"log INFO {"e":{}}"#,
            "log INFO nil invalid JSON",
        ])
    }

    @Test func dbhQueriesSQLiteFile() async throws {
        let directory = try TemporaryDirectory()
        let report = await ScriptHarness().run("""
            local dbh = freeswitch.Dbh("sqlite://\(directory.path)/test.db")
            assert(dbh:connected())
            dbh:query("CREATE TABLE ext (num TEXT, name TEXT, note TEXT)")
            dbh:query("INSERT INTO ext VALUES ('1001', 'Alice', NULL), ('1002', 'Bob', 'x'), ('1003', 'Carol', 'y')")
            freeswitch.consoleLog("info", "inserted " .. dbh:affected_rows())
            local names = {}
            dbh:query("SELECT * FROM ext ORDER BY num", function(row)
              table.insert(names, row.num .. "=" .. row.name .. "[" .. row.note .. "]")
              if row.num == "1002" then return 1 end
            end)
            freeswitch.consoleLog("info", table.concat(names, ","))
            local ok, rows = dbh:query_rows("SELECT name FROM ext WHERE num > '1001' ORDER BY num")
            freeswitch.consoleLog("info", tostring(ok) .. " " .. #rows .. " " .. rows[2].name)
            local bad = dbh:query("SELECT * FROM missing")
            freeswitch.consoleLog("info", tostring(bad) .. " " .. tostring(dbh:last_error() ~= nil))
            local ok2, rows2, err = dbh:query_rows("SELEC nonsense")
            freeswitch.consoleLog("info", tostring(ok2) .. " " .. #rows2 .. " " .. tostring(err ~= nil))
            dbh:release()
            freeswitch.consoleLog("info", "connected after release: " .. tostring(dbh:connected()))
            local odbc = freeswitch.Dbh("odbc://dsn:user:pass")
            freeswitch.consoleLog("info", "odbc " .. tostring(odbc:connected()))
            """)
        #expect(report.lines("log INFO") == [
            "log INFO inserted 3", "log INFO 1001=Alice[],1002=Bob[x]", "log INFO true 2 Carol",
            "log INFO false true", "log INFO false 0 true", "log INFO connected after release: false",
            "log INFO odbc false",
        ])
        #expect(FileManager.default.fileExists(atPath: directory.path + "/test.db"))
    }

    @Test func dbhBareNameIsAFileInTheDatabaseDirectory() async throws {
        let directory = try TemporaryDirectory()
        let module = ModLua(environment: LuaEnvironment(
            scriptsDirectory: "/", soundsDirectory: "/", databaseDirectory: directory.path))
        let (outcome, output) = await module.run("""
            ~local dbh = freeswitch.Dbh("sqlite://callers")
            dbh:query("CREATE TABLE seen (n INTEGER)")
            dbh:query("INSERT INTO seen VALUES (7)")
            dbh:query("SELECT n FROM seen", function(row) stream:write(row.n) end)
            """, session: nil, stream: true)
        #expect(outcome == .completed)
        #expect(output == "7")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/callers.db"))
    }

    @Test func eventsFireOnTheBusAndConsumersPopThem() async {
        let harness = ScriptHarness()
        let report = await harness.run("""
            local consumer = freeswitch.EventConsumer("CUSTOM", "ivr::choice")
            local event = freeswitch.Event("CUSTOM", "ivr::choice")
            event:addHeader("Choice", "3")
            event:addHeader("Scratch", "x")
            event:delHeader("Scratch")
            event:addBody("hello")
            event:fire()
            local got = consumer:pop(1, 10000)
            freeswitch.consoleLog("info", got:getType() .. " " .. got:getHeader("Event-Subclass") .. " "
              .. got:getHeader("Choice") .. " " .. tostring(got:getHeader("Scratch")) .. " " .. got:getBody())
            freeswitch.consoleLog("info", got:serialize("json"))
            freeswitch.consoleLog("info", tostring(consumer:pop()))
            consumer:cleanup()
            local ok, err = pcall(freeswitch.Event, "NOT_AN_EVENT")
            freeswitch.consoleLog("info", tostring(ok))
            """)
        #expect(report.outcome == .completed, "\(report.transcript)")
        #expect(report.lines("log INFO") == [
            "log INFO CUSTOM ivr::choice 3 nil hello",
            #"log INFO {"Choice":"3","Event-Name":"CUSTOM","Event-Subclass":"ivr::choice","_body":"hello"}"#,
            "log INFO nil", "log INFO false",
        ])
    }

    @Test func originateWithoutAHostIsReportedAsUnavailable() async {
        let report = await ScriptHarness().run("""
            local ok, err = pcall(freeswitch.Session, "user/1001")
            freeswitch.consoleLog("info", tostring(ok) .. " " .. err)
            freeswitch.consoleLog("info", tostring(freeswitch.Session("no-such-uuid")))
            """)
        #expect(report.lines("log INFO") == [
            "log INFO false freeswitch.Session: originate is not available in this host",
            "log INFO nil",
        ])
        #expect(report.lines("log ERR") == ["log ERR inline: freeswitch.Session: no channel no-such-uuid"])
    }

    @Test func sessionByUUIDControlsAnotherLegFromABackgroundScript() async throws {
        let other = makeSession("other-leg")
        await other.start()
        let module = ModLua(environment: LuaEnvironment(
            scriptsDirectory: "/", soundsDirectory: "/",
            findSession: { uuid in uuid == "other-leg" ? other : nil }))
        let (outcome, output) = await module.run("""
            ~local leg = freeswitch.Session(argv[1] or "other-leg")
            function hook(s, why) stream:write("hook " .. why .. " " .. s.uuid .. "\\n") end
            leg:setHangupHook("hook")
            stream:write(tostring(leg:ready()) .. " " .. leg:getVariable("caller_id_number") .. "\\n")
            leg:setVariable("touched", "yes")
            leg:hangup("USER_BUSY")
            stream:write(tostring(leg:ready()) .. "\\n")
            """, session: nil, stream: true)
        #expect(outcome == .completed)
        #expect(output == "true 1000\nhook hangup other-leg\nfalse\n")
        #expect(await other.variable("touched") == "yes")
        #expect(await other.cause == .userBusy)
        #expect(module.activeScripts == 0)
    }
}
