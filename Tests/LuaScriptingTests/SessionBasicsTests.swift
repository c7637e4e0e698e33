import Testing
import LuaScripting
import SwitchCore

@Suite struct SessionBasicsTests {
    @Test func answerPlayAndHangupAppearInOrder() async {
        let report = await ScriptHarness().run("""
            session:answer()
            session:streamFile("ivr/welcome.wav")
            freeswitch.consoleLog("info", "uuid " .. session:get_uuid() .. " " .. session.uuid)
            session:hangup("USER_BUSY")
            """)
        #expect(report.outcome == .completed)
        #expect(report.transcript == [
            "answered", "played ivr/welcome.wav",
            "log INFO uuid 5e55a0b1-0000-4000-8000-000000000001 5e55a0b1-0000-4000-8000-000000000001",
            "hangup USER_BUSY",
        ])
        #expect(report.elapsed > .seconds(1))
    }
}
