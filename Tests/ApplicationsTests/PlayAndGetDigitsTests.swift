import Testing
import SwitchCore
@testable import Applications

@Suite struct PlayAndGetDigitsTests {
    let harness = ApplicationHarness()
    static let data = #"2 4 3 5000 # ivr/prompt.wav ivr/invalid.wav choice \d+"#

    private func collections(_ session: RecordingSession) -> [DigitCollection] {
        session.calls.compactMap { call in
            if case .readDigits(let request) = call { return request }
            return nil
        }
    }

    private func playbacks(_ session: RecordingSession) -> [String] {
        session.calls.compactMap { call in
            if case .playback(let source) = call { return source }
            return nil
        }
    }

    @Test func validDigitsOnTheFirstTry() async throws {
        let session = RecordingSession(digits: [DigitCollectionResult(digits: "123", terminator: "#")])
        try await harness.run("play_and_get_digits", Self.data, on: session)
        let expected = DigitCollection(
            minimum: 2, maximum: 4, prompt: "ivr/prompt.wav", timeout: .milliseconds(5000), terminators: ["#"])
        #expect(session.calls == [.readDigits(expected)])
        #expect(session.variables["choice"] == "123")
        #expect(session.origin(of: "choice") == .caller)
        #expect(session.variables["read_result"] == "success")
        #expect(session.variables["read_terminator_used"] == "#")
    }

    @Test func invalidThenValidRetriesWithTheInvalidPrompt() async throws {
        let session = RecordingSession(digits: [
            DigitCollectionResult(digits: "12345"), DigitCollectionResult(digits: "77"),
        ])
        try await harness.run("play_and_get_digits", Self.data, on: session)
        #expect(collections(session).count == 2)
        #expect(playbacks(session) == ["ivr/invalid.wav"])
        #expect(session.variables["choice"] == "77")
        #expect(session.variables["choice_invalid"] == "12345")
    }

    @Test func regexDecidesValidity() async throws {
        let data = "1 4 2 3000 # p.wav bad.wav opt ^[12]$"
        let session = RecordingSession(digits: [DigitCollectionResult(digits: "3"), DigitCollectionResult(digits: "2")])
        try await harness.run("play_and_get_digits", data, on: session)
        #expect(session.variables["choice_invalid"] == nil)
        #expect(session.variables["opt_invalid"] == "3")
        #expect(session.variables["opt"] == "2")
    }

    @Test func allTriesFailingLeavesTheVariableAndTransfers() async throws {
        let data = Self.data + " 2000 '9999 XML failures'"
        let session = RecordingSession(digits: [
            DigitCollectionResult(digits: "1", terminator: "#"), DigitCollectionResult(digits: "abc"),
        ])
        session.seed("choice", "previous")
        try await harness.run("play_and_get_digits", data, on: session)
        let attempts = collections(session)
        #expect(attempts.count == 3)
        #expect(attempts.allSatisfy { $0.interDigitTimeout == .milliseconds(2000) })
        #expect(playbacks(session) == Array(repeating: "ivr/invalid.wav", count: 3))
        #expect(session.variables["choice"] == "previous")
        #expect(session.variables["read_result"] == "timeout")
        #expect(session.calls.last == .transfer("9999", dialplan: "XML", context: "failures"))
    }

    @Test func timeoutsWithoutFailureTransferJustEnd() async throws {
        let data = "1 1 2 100 # p.wav '' digit [0-9] 0"
        let session = RecordingSession()
        try await harness.run("play_and_get_digits", data, on: session)
        let attempts = collections(session)
        #expect(attempts.count == 2)
        #expect(attempts.first?.timeout == .milliseconds(1000))
        #expect(attempts.first?.interDigitTimeout == nil)
        #expect(playbacks(session).isEmpty)
        #expect(session.variables["digit"] == nil)
        #expect(session.variables["read_result"] == "timeout")
        #expect(!session.calls.contains { if case .transfer = $0 { true } else { false } })
    }

    @Test func unquotedFailureTransferArgumentsAreAccepted() throws {
        let request = try PlayAndGetDigitsRequest(parsing: Self.data + " 0 operator XML")
        #expect(request.failureTransfer == .init(destination: "operator", dialplan: "XML", context: nil))
    }

    @Test func terminatorWithZeroMinimumAcceptsEmptyInput() async throws {
        let data = "0 4 1 3000 # p.wav '' ext ''"
        let session = RecordingSession(digits: [DigitCollectionResult(digits: "", terminator: "#")])
        try await harness.run("play_and_get_digits", data, on: session)
        #expect(session.variables["read_result"] == "success")
        #expect(session.variables["read_terminator_used"] == "#")
    }

    @Test func tooFewDigitsBeforeTheTerminatorIsInvalid() async throws {
        let data = "3 4 1 3000 * p.wav bad.wav pin \\d+"
        let session = RecordingSession(digits: [DigitCollectionResult(digits: "12", terminator: "*")])
        try await harness.run("play_and_get_digits", data, on: session)
        #expect(session.variables["pin"] == nil)
        #expect(session.variables["pin_invalid"] == "12")
        #expect(session.variables["read_result"] == "failure")
        #expect(session.variables["read_terminator_used"] == "*")
    }

    @Test func hangupStopsRetrying() async throws {
        let session = RecordingSession(digits: [DigitCollectionResult(digits: "x")])
        session.hangUp(afterPolls: 2)
        try await harness.run("play_and_get_digits", Self.data, on: session)
        #expect(collections(session).count == 1)
        #expect(playbacks(session).isEmpty)
    }

    @Test func clamping() throws {
        let request = try PlayAndGetDigitsRequest(parsing: "-1 -5 0 10 '' p.wav '' v ''")
        #expect(request.collection.minimum == 0)
        #expect(request.collection.maximum == 0)
        #expect(request.tries == 1)
        #expect(request.collection.terminators == ["#"])
        #expect(request.invalidPrompt == nil)
        #expect(request.pattern == nil)
        #expect(request.failureTransfer == nil)
    }

    @Test(arguments: [
        "", "1 2 3", "1 2 3 5000 # p.wav bad.wav var", "one 2 3 5000 # p.wav bad.wav var x",
        "1 2 3 5000 # p.wav bad.wav '' x", "1 2 3 5000 # p.wav bad.wav var ([", "1 2 3 5000 # p.wav bad.wav v x soon",
    ])
    func badDataLogsAndCollectsNothing(data: String) async throws {
        let session = RecordingSession()
        try await harness.run("play_and_get_digits", data, on: session)
        #expect(session.calls.isEmpty)
        #expect(harness.logged(.error).count == 1)
    }
}
