import Testing
import SwitchCore
@testable import Applications

@Suite struct CallControlTests {
    let harness = ApplicationHarness()

    @Test func answerPreAnswerRingReadySignalTheLeg() async throws {
        let session = RecordingSession()
        try await harness.run("ring_ready", on: session)
        try await harness.run("pre_answer", on: session)
        try await harness.run("answer", on: session)
        #expect(session.calls == [.ringReady, .preAnswer, .answer])
    }

    @Test func hangupDefaultsToNormalClearing() async throws {
        let session = RecordingSession()
        try await harness.run("hangup", "", on: session)
        #expect(session.calls == [.hangup(.normalClearing)])
    }

    @Test(arguments: [
        ("USER_BUSY", HangupCause.userBusy), ("user_busy", .userBusy), (" CALL_REJECTED ", .callRejected),
        ("17", .userBusy), ("21", .callRejected), ("19", .noAnswer), ("3", .noRouteDestination),
    ])
    func hangupTakesACauseNameOrNumber(data: String, cause: HangupCause) async throws {
        let session = RecordingSession()
        try await harness.run("hangup", data, on: session)
        #expect(session.calls == [.hangup(cause)])
    }

    @Test(arguments: ["NOT_A_CAUSE", "999", "-1", "16 extra"])
    func hangupWithAnUnknownCauseLogsAndStillClears(data: String) async throws {
        let session = RecordingSession()
        try await harness.run("hangup", data, on: session)
        #expect(session.calls == [.hangup(.normalClearing)])
        #expect(harness.logged(.warning).count == 1)
    }

    @Test func transferTakesDestinationDialplanAndContext() async throws {
        let session = RecordingSession()
        try await harness.run("transfer", "1000", on: session)
        try await harness.run("transfer", "2000 XML", on: session)
        try await harness.run("transfer", "3000  XML   public", on: session)
        #expect(session.calls == [
            .transfer("1000", dialplan: nil, context: nil),
            .transfer("2000", dialplan: "XML", context: nil),
            .transfer("3000", dialplan: "XML", context: "public"),
        ])
    }

    @Test func transferFlags() async throws {
        let session = RecordingSession()
        try await harness.run("transfer", "-bleg 1000 XML default", on: session)
        try await harness.run("transfer", "-both 2000", on: session)
        #expect(session.calls == [.transfer("2000", dialplan: nil, context: nil)])
        #expect(harness.logged(.error).count == 1)
        #expect(harness.logged(.warning).count == 1)
    }

    @Test func transferWithoutDestinationLogs() async throws {
        let session = RecordingSession()
        try await harness.run("transfer", "   ", on: session)
        try await harness.run("transfer", "-both", on: session)
        #expect(session.calls.isEmpty)
        #expect(harness.logged(.error).count == 2)
    }

    @Test func refusedTransferIsLogged() async throws {
        let session = RecordingSession()
        session.refuseTransfers()
        try await harness.run("transfer", "1000", on: session)
        #expect(harness.logged(.warning).count == 1)
    }

    @Test func respondMapsStatusesOntoTheSession() async throws {
        let session = RecordingSession()
        try await harness.run("respond", "180", on: session)
        try await harness.run("respond", "183 Session Progress", on: session)
        try await harness.run("respond", "200 OK", on: session)
        try await harness.run("respond", "486 Busy Here", on: session)
        try await harness.run("respond", "404", on: session)
        #expect(session.calls == [.ringReady, .preAnswer, .answer, .hangup(.userBusy), .hangup(.unallocatedNumber)])
    }

    @Test(arguments: ["", "abc", "99", "700", "100"])
    func respondIgnoresBadOrUselessStatuses(data: String) async throws {
        let session = RecordingSession()
        try await harness.run("respond", data, on: session)
        #expect(session.calls.isEmpty)
        #expect(harness.records.count == 1)
    }
}
