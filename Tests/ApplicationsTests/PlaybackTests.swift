import Testing
import SwitchCore
@testable import Applications

@Suite struct PlaybackTests {
    let harness = ApplicationHarness()

    @Test func playbackPlaysAndReports() async throws {
        let session = RecordingSession()
        session.seed("playback_terminator_used", "#", origin: .caller)
        try await harness.run("playback", "ivr/welcome.wav", on: session)
        #expect(session.calls == [.playback("ivr/welcome.wav")])
        #expect(session.variables["current_application_response"] == "FILE PLAYED")
        #expect(session.variables["playback_terminator_used"] == nil)
    }

    @Test func interruptedPlaybackRecordsTheTerminator() async throws {
        let session = RecordingSession()
        session.script(playback: "long.wav", .interrupted(byDigit: "*"))
        try await harness.run("playback", "long.wav", on: session)
        #expect(session.variables["playback_terminator_used"] == "*")
        #expect(session.origin(of: "playback_terminator_used") == .caller)
        #expect(session.variables["current_application_response"] == "FILE PLAYED")
    }

    @Test func missingFileIsReported() async throws {
        let session = RecordingSession()
        session.script(playback: "nope.wav", .notFound)
        try await harness.run("playback", "nope.wav", on: session)
        #expect(session.variables["current_application_response"] == "FILE NOT FOUND")
        #expect(harness.logged(.warning).count == 1)
    }

    @Test func mediaFailureSetsPlaybackErrorAndPropagates() async throws {
        let session = RecordingSession()
        session.failPlayback(of: "x.wav")
        await #expect(throws: RecordingSession.MediaFailure.self) {
            try await harness.run("playback", "x.wav", on: session)
        }
        #expect(session.variables["current_application_response"] == "PLAYBACK ERROR")
    }

    @Test func emptyPlaybackLogs() async throws {
        let session = RecordingSession()
        try await harness.run("playback", "  ", on: session)
        #expect(session.calls.isEmpty)
        #expect(harness.logged(.error).count == 1)
    }

    @Test func gentonesPlaysAToneStream() async throws {
        let session = RecordingSession()
        try await harness.run("gentones", "%(1000,0,640)", on: session)
        try await harness.run("gentones", "%(500,500,440,480)|3", on: session)
        try await harness.run("gentones", "%(100,0,350)|many", on: session)
        try await harness.run("gentones", "|2", on: session)
        #expect(session.calls == [
            .playback("tone_stream://%(1000,0,640)"),
            .playback("tone_stream://L=3;%(500,500,440,480)"),
            .playback("tone_stream://%(100,0,350)"),
        ])
        #expect(harness.logged(.warning).count == 1)
        #expect(harness.logged(.error).count == 1)
    }
}
