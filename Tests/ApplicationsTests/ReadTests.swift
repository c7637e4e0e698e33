import Testing
import SwitchCore
@testable import Applications

@Suite struct ReadTests {
    let harness = ApplicationHarness()

    @Test func readPassesTheRequestAndStoresDigits() async throws {
        let session = RecordingSession(digits: [DigitCollectionResult(digits: "1234", terminator: "#")])
        try await harness.run("read", "2 4 ivr/enter_pin.wav pin 5000 # 1500", on: session)
        let expected = DigitCollection(
            minimum: 2, maximum: 4, prompt: "ivr/enter_pin.wav", timeout: .milliseconds(5000), terminators: ["#"],
            interDigitTimeout: .milliseconds(1500))
        #expect(session.calls == [.readDigits(expected)])
        #expect(session.variables["pin"] == "1234")
        #expect(session.origin(of: "pin") == .caller)
        #expect(session.variables["read_result"] == "success")
        #expect(session.variables["read_terminator_used"] == "#")
    }

    @Test func readClampsLikeFreeSWITCH() throws {
        let request = try ReadRequest(parsing: "0 0 '' digits 10 ''")
        #expect(request.collection.minimum == 1)
        #expect(request.collection.maximum == 1)
        #expect(request.collection.timeout == .milliseconds(1000))
        #expect(request.collection.terminators == ["#"])
        #expect(request.collection.prompt == nil)
        #expect(request.collection.interDigitTimeout == nil)
        #expect(request.variableName == "digits")
    }

    @Test func readWithOnlyMinimum() throws {
        let request = try ReadRequest(parsing: "3")
        #expect(request.collection.maximum == 3)
        #expect(request.variableName == nil)
    }

    @Test func readTimeout() async throws {
        let session = RecordingSession()
        session.seed("pin", "old")
        try await harness.run("read", "1 4 prompt.wav pin 3000 none", on: session)
        #expect(session.variables["read_result"] == "timeout")
        #expect(session.variables["pin"] == nil)
        guard case .readDigits(let request) = session.calls.first else {
            Issue.record("no collection")
            return
        }
        #expect(request.terminators.isEmpty)
    }

    @Test func readTerminatedTooEarlyIsFailure() async throws {
        let session = RecordingSession(digits: [DigitCollectionResult(digits: "1", terminator: "*")])
        try await harness.run("read", "3 5 p.wav code 3000 *#", on: session)
        #expect(session.variables["read_result"] == "failure")
        #expect(session.variables["read_terminator_used"] == "*")
        #expect(session.variables["code"] == "1")
    }

    @Test(arguments: ["", "x 4", "1 y", "1 4 p.wav v soon", "1 4 p.wav v 100 # later"])
    func badReadDataLogsAndCollectsNothing(data: String) async throws {
        let session = RecordingSession()
        try await harness.run("read", data, on: session)
        #expect(session.calls.isEmpty)
        #expect(harness.logged(.error).count == 1)
    }

    @Test func outcomes() {
        #expect(ReadOutcome(DigitCollectionResult(digits: "12"), minimum: 1, maximum: 4) == .success)
        #expect(ReadOutcome(DigitCollectionResult(digits: "12", timedOut: true), minimum: 2, maximum: 4) == .success)
        #expect(ReadOutcome(DigitCollectionResult(digits: "", timedOut: true), minimum: 0, maximum: 4) == .timeout)
        #expect(ReadOutcome(DigitCollectionResult(digits: "1", timedOut: true), minimum: 2, maximum: 4) == .timeout)
        #expect(ReadOutcome(DigitCollectionResult(digits: "", terminator: "#"), minimum: 0, maximum: 4) == .success)
        #expect(ReadOutcome(DigitCollectionResult(digits: "12345"), minimum: 1, maximum: 4) == .failure)
    }
}
