import Testing
import LuaScripting
import SwitchCore

/// Events queued to the leg reach the input callback as `("event", Event)` (compat §4.3).
@Suite struct EventInputTests {
    @Test func aSentEventReachesTheInputCallbackAndBreakStopsPlayback() async {
        let report = await ScriptHarness().run("""
            function on_input(s, kind, data, arg)
              if kind == "event" then
                freeswitch.consoleLog("info", arg .. " " .. data:getHeader("Event-Subclass") .. " "
                  .. data:getHeader("X-Key") .. " " .. data:getBody() .. " " .. tostring(s == session))
                return "break"
              end
            end
            tag = "got"
            local e = freeswitch.Event("CUSTOM", "test::poke")
            e:addHeader("X-Key", "v1")
            e:addBody("hello")
            local sent = session:sendEvent(e)
            session:setInputCallback("on_input", "tag")
            local r = session:streamFile("ivr/welcome.wav")
            freeswitch.consoleLog("info", "sent=" .. sent .. " r=" .. r)
            """)
        #expect(report.transcript == [
            "played ivr/welcome.wav", "event CUSTOM test::poke to input callback",
            "log INFO got test::poke v1 hello true", "callback: stop", "log INFO sent=0 r=0",
            "hangup NORMAL_CLEARING",
        ])
    }

    @Test func eventsWaitWithoutACallbackAndFlushEventsDiscardsThem() async {
        let report = await ScriptHarness().run("""
            seen = {}
            function on_input(s, kind, data)
              table.insert(seen, kind .. ":" .. data:getHeader("Event-Subclass"))
            end
            local function send(name) session:sendEvent(freeswitch.Event("CUSTOM", name)) end
            send("a::one")
            session:streamFile("ivr/goodbye.wav")
            session:setInputCallback("on_input")
            session:sleep(1000)
            send("b::two")
            send("c::three")
            local flushed = session:flushEvents()
            local r = session:sleep(500)
            freeswitch.consoleLog("info", table.concat(seen, ",") .. " flushed=" .. flushed .. " r=" .. r)
            """)
        #expect(report.lines("event") == ["event CUSTOM a::one to input callback"])
        #expect(report.lines("log INFO") == ["log INFO event:a::one flushed=0 r=1"])
    }

    @Test func setEventDataAddsTheChannelHeaders() async {
        let report = await ScriptHarness().run("""
            session:setVariable("foo", "bar")
            local e = freeswitch.Event("CUSTOM", "x::y")
            session:setEventData(e)
            freeswitch.consoleLog("info", e:getHeader("Unique-ID") .. " " .. e:getHeader("Caller-Caller-ID-Number")
              .. " " .. e:getHeader("variable_foo") .. " " .. e:getHeader("Channel-State")
              .. " " .. e:getHeader("Event-Subclass"))
            local ok, err = pcall(session.sendEvent, session, {})
            freeswitch.consoleLog("info", err)
            """)
        let lines = report.lines("log INFO")
        #expect(lines.first == "log INFO 5e55a0b1-0000-4000-8000-000000000001 1000 bar CS_EXECUTE x::y")
        #expect(lines.last?.contains("sendEvent: expected an Event") == true)
    }
}
