import Synchronization
import SwitchCore
@testable import Applications

/// A `SessionContext` that records what applications asked of it and answers from a script.
final class RecordingSession: SessionContext, ChannelVariableListing {
    enum Call: Equatable {
        case answer, preAnswer, ringReady
        case hangup(HangupCause)
        case transfer(String, dialplan: String?, context: String?)
        case playback(String)
        case readDigits(DigitCollection)
        case record(RecordRequest)
    }

    struct MediaFailure: Error {}

    private struct State {
        var calls: [Call] = []
        var variables = ChannelVariables()
        var digits: [DigitCollectionResult] = []
        var playbackResults: [String: PlaybackResult] = [:]
        var failingPlayback: Set<String> = []
        var hungUp = false
        var pollsBeforeHangup: Int?
        var polls = 0
        var transferAllowed = true
    }

    let uuid = "leg-test"
    private let state = Mutex(State())

    init(digits: [DigitCollectionResult] = []) {
        state.withLock { $0.digits = digits }
    }

    var calls: [Call] { state.withLock { $0.calls } }
    var polls: Int { state.withLock { $0.polls } }
    var variables: ChannelVariables { state.withLock { $0.variables } }
    func origin(of name: String) -> VariableOrigin? { state.withLock { $0.variables.variable(name)?.origin } }

    func seed(_ name: String, _ value: String, origin: VariableOrigin = .system) {
        state.withLock { $0.variables.set(name, value, origin: origin) }
    }

    /// `isHungUp` turns true on the `count`-th time it is asked.
    func hangUp(afterPolls count: Int) { state.withLock { $0.pollsBeforeHangup = count } }
    func script(playback source: String, _ result: PlaybackResult) {
        state.withLock { $0.playbackResults[source] = result }
    }
    func failPlayback(of source: String) { state.withLock { _ = $0.failingPlayback.insert(source) } }
    func refuseTransfers() { state.withLock { $0.transferAllowed = false } }

    func answer() async throws { record(.answer) }
    func preAnswer() async throws { record(.preAnswer) }
    func ringReady() async throws { record(.ringReady) }

    func hangup(_ cause: HangupCause) async {
        state.withLock {
            $0.calls.append(.hangup(cause))
            $0.hungUp = true
        }
    }

    var isHungUp: Bool {
        get async {
            state.withLock { state in
                state.polls += 1
                if let limit = state.pollsBeforeHangup, state.polls >= limit { state.hungUp = true }
                return state.hungUp
            }
        }
    }

    func variable(_ name: String) async -> String? { state.withLock { $0.variables[name] } }

    func setVariable(_ name: String, _ value: String?, origin: VariableOrigin) async {
        state.withLock { $0.variables.set(name, value, origin: origin) }
    }

    func expand(_ template: String) async -> Expansion { Expansion(text: template, containsCallerText: false) }

    func callerProfile() async -> CallerProfile {
        CallerProfile(destinationNumber: "9196", callerIDName: "Alice", callerIDNumber: "1000", uuid: uuid)
    }

    func transfer(to destination: String, dialplan: String?, context: String?) async -> Bool {
        state.withLock {
            $0.calls.append(.transfer(destination, dialplan: dialplan, context: context))
            return $0.transferAllowed
        }
    }

    func playback(_ source: String) async throws -> PlaybackResult {
        try state.withLock {
            $0.calls.append(.playback(source))
            if $0.failingPlayback.contains(source) { throw MediaFailure() }
            return $0.playbackResults[source] ?? .played
        }
    }

    func record(_ path: String, limit: Duration?) async throws -> RecordResult {
        try await record(RecordRequest(path: path, limit: limit))
    }

    func record(_ request: RecordRequest) async throws -> RecordResult {
        record(.record(request))
        return RecordResult(duration: .seconds(2))
    }

    /// The next scripted result; a timeout with no digits once the script runs out.
    func readDigits(_ request: DigitCollection) async throws -> DigitCollectionResult {
        state.withLock {
            $0.calls.append(.readDigits(request))
            return $0.digits.isEmpty ? DigitCollectionResult(digits: "", timedOut: true) : $0.digits.removeFirst()
        }
    }

    func channelVariables() async -> ChannelVariables { variables }

    private func record(_ call: Call) { state.withLock { $0.calls.append(call) } }
}
