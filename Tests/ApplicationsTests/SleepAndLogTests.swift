import Testing
import SwitchCore
@testable import Applications

@Suite struct SleepAndLogTests {
    let harness = ApplicationHarness()

    @Test func sleepWaitsTheWholeDuration() async throws {
        let session = RecordingSession()
        try await harness.run("sleep", "1000", on: session)
        #expect(harness.clock.elapsed == .milliseconds(1000))
        #expect(session.polls == 50)
    }

    @Test func sleepOfAnOddDurationEndsExactly() async throws {
        let session = RecordingSession()
        try await harness.run("sleep", "45", on: session)
        #expect(harness.clock.elapsed == .milliseconds(45))
    }

    @Test func sleepIsCutShortByHangup() async throws {
        let session = RecordingSession()
        session.hangUp(afterPolls: 3)
        try await harness.run("sleep", "60000", on: session)
        #expect(harness.clock.elapsed == .milliseconds(40))
    }

    @Test func sleepOnAHungUpLegReturnsAtOnce() async throws {
        let session = RecordingSession()
        await session.hangup(.normalClearing)
        try await harness.run("sleep", "5000", on: session)
        #expect(harness.clock.elapsed == .zero)
    }

    @Test func cancelledSleepReturnsQuietly() async throws {
        let session = RecordingSession()
        let harness = self.harness
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await harness.run("sleep", "5000", on: session)
        }
        try await task.value
        #expect(harness.clock.elapsed == .zero)
    }

    @Test(arguments: ["", "abc", "-5", "1.5"])
    func sleepWithBadDurationLogs(data: String) async throws {
        let session = RecordingSession()
        try await harness.run("sleep", data, on: session)
        #expect(harness.clock.elapsed == .zero)
        #expect(harness.logged(.error).count == 1)
    }

    @Test func logTakesALevelThenText() async throws {
        let session = RecordingSession()
        try await harness.run("log", "WARNING caller ${x} is late", on: session)
        try await harness.run("log", "err boom", on: session)
        try await harness.run("log", "3 numbered", on: session)
        try await harness.run("log", "just text", on: session)
        try await harness.run("log", "INFO", on: session)
        #expect(harness.records == [
            ApplicationLogRecord(level: .warning, uuid: "leg-test", message: "caller ${x} is late"),
            ApplicationLogRecord(level: .error, uuid: "leg-test", message: "boom"),
            ApplicationLogRecord(level: .error, uuid: "leg-test", message: "numbered"),
            ApplicationLogRecord(level: .debug, uuid: "leg-test", message: "just text"),
            ApplicationLogRecord(level: .info, uuid: "leg-test", message: ""),
        ])
    }

    @Test func infoLogsProfileAndVariables() async throws {
        let session = RecordingSession()
        session.seed("call_timeout", "30")
        session.seed("a_first", "1")
        try await harness.run("info", on: session)
        let record = try #require(harness.records.first)
        #expect(record.level == .info)
        #expect(record.message.contains("Caller-Caller-ID-Number: [1000]"))
        #expect(record.message.contains("variable_a_first: [1]\nvariable_call_timeout: [30]"))
    }

    @Test func infoTakesALevel() async throws {
        let session = RecordingSession()
        try await harness.run("info", "notice", on: session)
        try await harness.run("info", "loud", on: session)
        #expect(harness.records.map(\.level) == [.notice, .warning, .info])
    }

    @Test func levelParsing() {
        #expect(ApplicationLogLevel(parsing: "crit") == .critical)
        #expect(ApplicationLogLevel(parsing: "ERROR") == .error)
        #expect(ApplicationLogLevel(parsing: "7") == .debug)
        #expect(ApplicationLogLevel(parsing: "8") == nil)
        #expect(ApplicationLogLevel(parsing: "") == nil)
        #expect(ApplicationLogLevel.alert > .debug)
    }
}
