import Foundation
import Testing
@testable import SwitchCore

struct CDRRecordTests {
    @Test func answeredCall() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        await session.setVariable("read_codec", "opus", origin: .system)
        await session.setVariable("write_codec", "PCMA", origin: .system)
        fixture.clock.advance(by: 4.5)
        try await session.answer()
        fixture.clock.advance(by: 61.7)
        await session.hangup(.normalClearing)
        let record = try #require(CDRRecord(await session.snapshot()))
        #expect(record.uuid == "leg-a")
        #expect(record.callerIDNumber == "1000")
        #expect(record.destinationNumber == "9196")
        #expect(record.context == "default")
        #expect(record.hangupCause == .normalClearing)
        #expect(record.readCodec == "opus")
        #expect(record.writeCodec == "PCMA")
        // epochs 1700000000 → 1700000004 (answer) → 1700000066 (end)
        #expect(record.duration == 66)
        #expect(record.billsec == 62)
        #expect(record.durationMilliseconds == 66_200)
        #expect(record.billMilliseconds == 61_700)
    }

    @Test func unansweredCallHasNoBillsec() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        try await session.ringReady()
        fixture.clock.advance(by: 30)
        await session.hangup(.noAnswer)
        let record = try #require(CDRRecord(await session.snapshot()))
        #expect(record.answer == nil)
        #expect(record.billsec == 0)
        #expect(record.billMilliseconds == 0)
        #expect(record.duration == 30)
        #expect(record.hangupCause == .noAnswer)
    }

    @Test func liveLegHasNoRecord() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        #expect(CDRRecord(await session.snapshot()) == nil)
    }
}
