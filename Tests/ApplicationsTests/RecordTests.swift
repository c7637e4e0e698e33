import Testing
import SwitchCore
@testable import Applications

@Suite struct RecordTests {
    let harness = ApplicationHarness()

    @Test func pathOnlyRecordsWithoutLimitOrSilenceDetection() async throws {
        let session = RecordingSession()
        try await harness.run("record", "/tmp/msg.wav", on: session)
        #expect(session.calls == [.record(RecordRequest(path: "/tmp/msg.wav"))])
        #expect(session.variables["current_application_response"] == "RECORD OK")
    }

    @Test func limitThresholdAndHitsAreParsed() async throws {
        let session = RecordingSession()
        try await harness.run("record", "msg.wav 20 200 2", on: session)
        #expect(session.calls == [
            .record(RecordRequest(path: "msg.wav", limit: .seconds(20), silenceThreshold: 200, silenceSeconds: 2)),
        ])
    }

    @Test func zeroLimitMeansNoLimit() async throws {
        let session = RecordingSession()
        try await harness.run("record", "msg.wav 0", on: session)
        #expect(session.calls == [.record(RecordRequest(path: "msg.wav"))])
    }

    @Test func badArgumentsAreLoggedAndNothingIsRecorded() async throws {
        let session = RecordingSession()
        try await harness.run("record", "", on: session)
        try await harness.run("record", "msg.wav soon", on: session)
        #expect(session.calls.isEmpty)
        #expect(harness.logged(.error).count == 2)
    }
}
