import Media
import SwitchCore
import Synchronization

/// `MediaPort` over the RTP leg: playback renders 20 ms G.711 frames paced against a monotonic start
/// (frame n leaves at start + n·20 ms, so there is no drift), with continuous sequence numbers and
/// timestamps. Digits come from RFC 4733 events (and SIP INFO).
extension RTPMediaLeg: MediaPort {
    /// Plays `source`; a digit in `terminators` stops it. Digits are consumed while it plays.
    func play(_ source: String, terminators: Set<Character>) async throws -> PlaybackResult {
        try await play(source, terminators: terminators, interruptOnAnyDigit: false)
    }

    /// With `interruptOnAnyDigit`, any digit ends the playback and stays queued (a `read` prompt).
    /// The frames go out on the leg's event-loop media clock (one batch per 20 ms tick for every playback there).
    func play(_ source: String, terminators: Set<Character>, interruptOnAnyDigit: Bool) async throws -> PlaybackResult {
        guard let stream = PlaybackSource(source, soundsDirectory: soundsDirectory) else { return .notFound }
        let run = PlaybackRun(stream: stream, leg: self, terminators: terminators, interruptOnAnyDigit: interruptOnAnyDigit)
        let clock = MediaClock.of(socket.eventLoop)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                run.begin(continuation)
                clock.add { run.step() }
            }
        } onCancel: {
            run.cancel()
        }
    }

    /// Plays the prompt, then collects RFC 4733 digits (buffered since the call started, as FreeSWITCH's
    /// DTMF queue is): ends on a terminator, at `maximum` digits, or when the (inter-digit) timeout passes.
    func collectDigits(_ request: DigitCollection) async throws -> DigitCollectionResult {
        if let prompt = request.prompt, !prompt.isEmpty {
            _ = try await play(prompt, terminators: [], interruptOnAnyDigit: true)
        }
        let clock = ContinuousClock()
        var digits = ""
        var deadline = clock.now + request.timeout
        while true {
            try Task.checkCancellation()
            if let digit = takeDigit() {
                if request.terminators.contains(digit) { return DigitCollectionResult(digits: digits, terminator: digit) }
                digits.append(digit)
                if digits.count >= request.maximum { return DigitCollectionResult(digits: digits) }
                deadline = clock.now + (request.interDigitTimeout ?? request.timeout)
                continue
            }
            if clock.now >= deadline { return DigitCollectionResult(digits: digits, timedOut: true) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// One playback on the media clock: each tick takes the digits that arrived (a terminator, or with
/// `interruptOnAnyDigit` any digit, ends it; the others are consumed, as FreeSWITCH's playback does), then sends
/// the next 20 ms frame. The awaiting task resumes when the file ends, a digit stops it, or it is cancelled.
final class PlaybackRun: Sendable {
    private struct State: @unchecked Sendable {
        var stream: PlaybackSource
        var frame = [Int16](repeating: 0, count: PlaybackSource.frameSamples)
        var sent = 0
        var cancelled = false
        var continuation: CheckedContinuation<PlaybackResult, any Error>?
    }

    private let leg: RTPMediaLeg
    private let terminators: Set<Character>
    private let interruptOnAnyDigit: Bool
    private let state: Mutex<State>

    init(stream: PlaybackSource, leg: RTPMediaLeg, terminators: Set<Character>, interruptOnAnyDigit: Bool) {
        self.leg = leg
        self.terminators = terminators
        self.interruptOnAnyDigit = interruptOnAnyDigit
        state = Mutex(State(stream: stream))
    }

    func begin(_ continuation: CheckedContinuation<PlaybackResult, any Error>) {
        let cancelledAlready = state.withLock { s -> Bool in
            s.continuation = continuation
            return s.cancelled
        }
        if cancelledAlready { finish(.failure(CancellationError())) }
    }

    func cancel() {
        state.withLock { $0.cancelled = true }
    }

    /// One tick; false when the playback is over.
    func step() -> Bool {
        if state.withLock({ $0.cancelled }) {
            finish(.failure(CancellationError()))
            return false
        }
        while let digit = leg.takeDigit() {
            if interruptOnAnyDigit {
                leg.returnDigit(digit)
                finish(.success(.interrupted(byDigit: digit)))
                return false
            }
            if terminators.contains(digit) {
                finish(.success(.interrupted(byDigit: digit)))
                return false
            }
        }
        let next = state.withLock { s -> (frame: [Int16], first: Bool)? in
            guard s.stream.nextFrame(into: &s.frame) else { return nil }
            defer { s.sent += 1 }
            return (s.frame, s.sent == 0)
        }
        guard let next else {
            finish(.success(.played))
            return false
        }
        leg.sendFrame(next.frame, first: next.first)
        return true
    }

    private func finish(_ result: Result<PlaybackResult, any Error>) {
        let continuation = state.withLock { s in
            defer { s.continuation = nil }
            return s.continuation
        }
        continuation?.resume(with: result)
    }
}
