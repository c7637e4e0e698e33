import Foundation
import Synchronization
import SwitchCore

/// The media side of a simulated call: nothing is sent anywhere. Playing advances the virtual clock by the
/// file's length and writes a transcript line; each wait for input (digit collection, recording, an interactive
/// operation) first presses the caller's next digit group from the timeline.
final class SimulatedMediaPort: MediaPort {
    private let transcript: Transcript
    private let timeline: DigitTimeline
    private let clock: VirtualClock
    private let soundsDirectory: String
    private let buffer = Mutex<[Character]>([])
    /// Hangs the simulated call up (the timeline's `!`); set by `LuaSimulation` once the session exists.
    let callerHangup = Mutex<(@Sendable () async -> Void)?>(nil)

    init(transcript: Transcript, timeline: DigitTimeline, clock: VirtualClock, soundsDirectory: String) {
        self.transcript = transcript
        self.timeline = timeline
        self.clock = clock
        self.soundsDirectory = soundsDirectory
    }

    /// Presses the next digit group (the start of a wait for input). A `!` group hangs the call up instead;
    /// the wait then ends because hangup cancels the script's task.
    func pressNextGroup() async throws {
        guard let group = timeline.next(), !group.isEmpty else { return }
        if group == "!" {
            transcript.append("caller hung up")
            if let hangup = callerHangup.withLock({ $0 }) { await hangup() }
            throw CancellationError()
        }
        transcript.append("caller pressed \(group)")
        buffer.withLock { $0.append(contentsOf: group) }
    }

    /// Ends the call when the virtual time limit is reached (a script looping forever).
    private func checkLimit() async throws {
        try Task.checkCancellation()
        if clock.isPastLimit {
            if await clock.enforceLimit() { transcript.append("caller hung up (time limit \(clock.limit))") }
            throw CancellationError()
        }
    }

    func takeDigit() -> Character? {
        buffer.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    var hasDigits: Bool { buffer.withLock { !$0.isEmpty } }

    func play(_ source: String, terminators: Set<Character>) async throws -> PlaybackResult {
        try await checkLimit()
        guard let length = length(of: source) else {
            transcript.append("not found \(source)")
            return .notFound
        }
        transcript.append(describe(source))
        clock.advance(by: length)
        return .played
    }

    func describe(_ source: String) -> String {
        if source.hasPrefix("tone_stream://") { return "tone \(source.dropFirst("tone_stream://".count))" }
        if source.hasPrefix("silence_stream://") { return "silence \(source.dropFirst("silence_stream://".count)) ms" }
        return "played \(source)"
    }

    /// How long `source` plays, or nil if it does not exist. WAV length comes from the header; tone streams
    /// count as one second.
    func length(of source: String) -> Duration? {
        if source.hasPrefix("silence_stream://") {
            let milliseconds = Int(source.dropFirst("silence_stream://".count).prefix { $0.isNumber || $0 == "-" }) ?? 0
            return .milliseconds(max(milliseconds, 0))
        }
        if source.hasPrefix("tone_stream://") { return .seconds(1) }
        let path = source.hasPrefix("/") ? source : soundsDirectory + "/" + source
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let header = [UInt8](handle.readData(ofLength: 44))
        guard header.count == 44 else { return .zero }
        let byteRate = header[28..<32].reversed().reduce(0) { $0 << 8 | Int($1) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 44
        guard byteRate > 0 else { return .zero }
        return .milliseconds((size - 44) * 1000 / byteRate)
    }

    func record(_ path: String, limit: Duration?, terminators: Set<Character>) async throws -> RecordResult {
        try await checkLimit()
        try await pressNextGroup()
        let duration = limit ?? .seconds(10)
        while let digit = takeDigit() {
            if terminators.contains(digit) {
                transcript.append("recorded \(path) (stopped by \(digit); simulated, no file written)")
                clock.advance(by: .seconds(1))
                return RecordResult(duration: .seconds(1), terminator: digit)
            }
        }
        transcript.append("recorded \(path) for \(duration) (simulated, no file written)")
        clock.advance(by: duration)
        return RecordResult(duration: duration)
    }

    func collectDigits(_ request: DigitCollection) async throws -> DigitCollectionResult {
        try await checkLimit()
        try await pressNextGroup()
        if let prompt = request.prompt {
            if hasDigits {
                transcript.append("\(describe(prompt)) (interrupted)")
            } else {
                _ = try await play(prompt, terminators: [])
            }
        }
        var digits = ""
        while digits.count < request.maximum {
            guard let digit = takeDigit() else {
                clock.advance(by: digits.isEmpty ? request.timeout : request.interDigitTimeout ?? request.timeout)
                transcript.append(digits.isEmpty ? "collected nothing (timeout)" : "collected \(digits) (timeout)")
                return DigitCollectionResult(digits: digits, timedOut: true)
            }
            if request.terminators.contains(digit) {
                transcript.append("collected \(digits.isEmpty ? "nothing" : digits) (terminator \(digit))")
                return DigitCollectionResult(digits: digits, terminator: digit)
            }
            digits.append(digit)
        }
        transcript.append("collected \(digits)")
        return DigitCollectionResult(digits: digits)
    }

    func startInteractive(_ operation: InteractiveOperation) async throws -> any InteractiveMedia {
        try await checkLimit()
        try await pressNextGroup()
        let duration: Duration
        switch operation {
        case .play(let source):
            guard let length = length(of: source) else {
                transcript.append("not found \(source)")
                return SimulatedInteractiveMedia(port: self, duration: .zero, found: false)
            }
            transcript.append(describe(source))
            duration = length
        case .sleep(let length):
            transcript.append("sleep \(length)")
            duration = length
        case .record(let path, let limit):
            transcript.append("recording \(path) (simulated, no file written)")
            duration = limit ?? .seconds(10)
        }
        return SimulatedInteractiveMedia(port: self, duration: duration, found: true)
    }

    func flushDigits() async {
        let count = buffer.withLock { buffer in
            defer { buffer.removeAll() }
            return buffer.count
        }
        if count > 0 { transcript.append("flushed \(count) digit(s)") }
    }

    func note(_ line: String) { transcript.append(line) }
    func advance(by duration: Duration) { clock.advance(by: duration) }
}

/// An interactive operation on the simulated port: the buffered digits arrive one by one, then it runs out.
final class SimulatedInteractiveMedia: InteractiveMedia {
    private struct State {
        var ended = false
        var paused = false
        var stopped = false
    }

    private let port: SimulatedMediaPort
    private let duration: Duration
    private let found: Bool
    private let state = Mutex(State())

    init(port: SimulatedMediaPort, duration: Duration, found: Bool) {
        self.port = port
        self.duration = duration
        self.found = found
        if !found { state.withLock { $0.ended = true } }
    }

    func nextEvent() async throws -> MediaInputEvent {
        try Task.checkCancellation()
        if state.withLock({ $0.ended }) { return .ended }
        if let digit = port.takeDigit() {
            port.note("dtmf \(digit) to input callback")
            return .dtmf(digit, duration: 640)
        }
        let paused = state.withLock { state in
            state.ended = true
            if state.paused { state.stopped = true }
            return state.paused
        }
        if paused { port.note("paused with no further input") } else { port.advance(by: duration) }
        return .ended
    }

    func apply(_ control: MediaControl) async {
        switch control {
        case .continue:
            return
        case .stop, .truncate:
            state.withLock {
                $0.ended = true
                $0.stopped = true
            }
        case .pause:
            state.withLock { $0.paused.toggle() }
        case .restart, .seek, .speed, .volume:
            break
        }
        port.note("callback: \(control)")
    }

    func outcome() async -> InteractiveOutcome {
        state.withLock { InteractiveOutcome(found: found, stopped: $0.stopped, elapsed: duration) }
    }
}
