import Foundation
import Testing
@testable import SwitchCore

struct SessionTests {
    @Test func answerFlowSignalsThenRecords() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        _ = await session.route()
        try await session.ringReady()
        fixture.clock.advance(by: 2)
        try await session.answer()
        try await session.answer()  // idempotent
        let snapshot = await session.snapshot()
        #expect(fixture.driver.signals == [.ringReady, .answer])
        #expect(snapshot.callState == .active)
        #expect(snapshot.answeredAt == fixture.clock.now())
        #expect(snapshot.progressAt == snapshot.createdAt)
        let names = await fixture.events().map(\.name)
        #expect(names == [
            .channelState, .channelCreate, .channelState, .channelProgress, .channelCallState, .channelAnswer,
            .channelCallState,
        ])
    }

    @Test func ringingAfterAnswerIsIgnored() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        try await session.answer()
        try await session.ringReady()
        try await session.preAnswer()
        #expect(fixture.driver.signals == [.answer])
        #expect(await session.currentCallState == .active)
    }

    @Test func refusedAnswerLeavesStateUnchanged() async {
        let fixture = SessionFixture(driver: RecordingDriver(refuseAnswer: true))
        let session = await fixture.makeSession()
        await #expect(throws: RecordingDriver.Refusal.self) { try await session.answer() }
        #expect(await session.currentCallState == .down)
        #expect(await session.snapshot().answeredAt == nil)
    }

    @Test func hangupFirstCauseWinsAndEventsCarryIt() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        #expect(await fixture.registry.count == 1)
        await session.hangup(.userBusy)
        await session.hangup(.normalClearing)
        #expect(await session.cause == .userBusy)
        #expect(await session.channelState == .destroy)
        #expect(fixture.driver.signals == [.hangup(.userBusy)])
        #expect(await fixture.registry.count == 0)
        await #expect(throws: SessionError.self) { try await session.answer() }

        let events = await fixture.events()
        let hangup = try #require(events.first { $0.name == .channelHangup })
        #expect(hangup["Hangup-Cause"] == "USER_BUSY")
        #expect(hangup["Channel-State"] == "CS_HANGUP")
        #expect(hangup["Unique-ID"] == "leg-a")
        #expect(hangup["Caller-Caller-ID-Number"] == "1000")
        let complete = try #require(events.first { $0.name == .channelHangupComplete })
        #expect(complete["variable_hangup_cause"] == "USER_BUSY")
        #expect(complete["variable_hangup_cause_q850"] == "17")
        #expect(complete["Channel-State"] == "CS_REPORTING")
        #expect(events.last?.name == .channelDestroy)
        #expect(events.filter { $0.name == .channelHangup }.count == 1)
    }

    @Test func callStateEventsCarryTheStateLeftAndThePresenceOfTheChannel() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        await session.setVariable("presence_id", "1000@example.com")
        try await session.answer()
        await session.receivedHold(true)
        await session.hangup(.normalClearing)
        let events = await fixture.events()
        let states = events.filter { $0.name == .channelCallState }
        #expect(states.map { $0["Channel-Call-State"] } == ["ACTIVE", "HELD", "HANGUP"])
        #expect(states.map { $0["Original-Channel-Call-State"] } == ["DOWN", "ACTIVE", "HELD"])
        #expect(states.allSatisfy { $0["Channel-Presence-ID"] == "1000@example.com" })
        #expect(states.allSatisfy { $0["Presence-Call-Direction"] == "inbound" })
        let hangupIndex = try #require(events.firstIndex { $0.name == .channelHangup })
        #expect(events[hangupIndex - 1].name == .channelCallState)
    }

    @Test func waitUntilHungUpReturnsAtHangupOrCancellation() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        let waiting = Task { await session.waitUntilHungUp(); return await session.isHungUp }
        let cancelled = Task { await session.waitUntilHungUp(); return await session.isHungUp }
        cancelled.cancel()
        #expect(await cancelled.value == false)
        await session.hangup(.normalClearing)
        #expect(await waiting.value == true)
        await session.waitUntilHungUp()  // already hung up: returns at once
    }

    @Test func waitUntilDestroyedReturnsAfterHangup() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        let waiter = Task { await session.waitUntilDestroyed(); return await session.channelState }
        await session.hangup(.noAnswer)
        #expect(await waiter.value == .destroy)
    }

    @Test func variableLookupFallsBackToProfileThenGlobals() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        #expect(await session.variable("caller_id_number") == "1000")
        #expect(await session.variable("domain") == "example.com")
        await session.setVariable("domain", "override.test", origin: .system)
        #expect(await session.variable("domain") == "override.test")
        #expect(await session.variable("nothing") == nil)
    }

    @Test func bridgeAndUnbridgeEvents() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        await session.route()
        _ = await session.run([], registry: ApplicationRegistry())  // empty plan: NORMAL_CLEARING
        #expect(await session.cause == .normalClearing)

        let second = await fixture.makeSession(uuid: "leg-c")
        await second.route()
        let parked = await second.park()
        #expect(parked)
        #expect(await second.bridged(to: "leg-d"))
        #expect(await second.channelState == .exchangeMedia)
        #expect(await second.unbridged())
        #expect(await second.unbridged() == false)
        let events = await fixture.events()
        let bridge = try #require(events.first { $0.name == .channelBridge })
        #expect(bridge["Bridge-A-Unique-ID"] == "leg-c")
        #expect(bridge["Other-Leg-Unique-ID"] == "leg-d")
        #expect(events.contains { $0.name == .channelUnbridge })
    }

    @Test func dtmfEvent() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        await session.receivedDTMF("5", duration: 1600)
        let event = try #require(await fixture.events().first { $0.name == .dtmf })
        #expect(event["DTMF-Digit"] == "5")
        #expect(event["DTMF-Duration"] == "1600")
    }

    @Test func mediaOperationsNeedAMediaPort() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        await #expect(throws: SessionError(.noMedia, "channel leg-a has no media")) {
            _ = try await session.playback("/tmp/x.wav")
        }
    }

    @Test func holdChangesCallStateOnlyWhenAnswered() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        await session.receivedHold(true)
        #expect(await session.currentCallState == .down)
        try await session.answer()
        await session.receivedHold(true)
        #expect(await session.currentCallState == .held)
        await session.receivedHold(false)
        #expect(await session.currentCallState == .active)
    }

    @Test func profileUUIDFollowsTheSession() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession(uuid: "abc")
        #expect(await session.callerProfile().uuid == "abc")
        await session.updateCallerProfile { $0.uuid = "other"; $0.callerIDName = "Bob" }
        let profile = await session.callerProfile()
        #expect(profile.uuid == "abc")
        #expect(profile.callerIDName == "Bob")
    }
}
