import Media
import SwitchCore

/// `MediaPort` over the RTP leg: playback renders 20 ms G.711 frames paced against a monotonic start
/// (frame n leaves at start + n·20 ms, so there is no drift), with continuous sequence numbers and
/// timestamps. Digits come from RFC 4733 events (and SIP INFO).
extension RTPMediaLeg: MediaPort {
    /// Plays `source`; a digit in `terminators` stops it. Digits are consumed while it plays.
    func play(_ source: String, terminators: Set<Character>) async throws -> PlaybackResult {
        try await play(source, terminators: terminators, interruptOnAnyDigit: false)
    }

    /// With `interruptOnAnyDigit`, any digit ends the playback and stays queued (a `read` prompt).
    func play(_ source: String, terminators: Set<Character>, interruptOnAnyDigit: Bool) async throws -> PlaybackResult {
        guard var stream = PlaybackSource(source, soundsDirectory: soundsDirectory) else { return .notFound }
        let clock = ContinuousClock()
        let start = clock.now
        var frame = [Int16](repeating: 0, count: PlaybackSource.frameSamples)
        var sent = 0
        while stream.nextFrame(into: &frame) {
            try Task.checkCancellation()
            // As FreeSWITCH's playback: digits pressed meanwhile are consumed, and a terminator stops the file.
            while let digit = takeDigit() {
                if interruptOnAnyDigit {
                    returnDigit(digit)
                    return .interrupted(byDigit: digit)
                }
                if terminators.contains(digit) { return .interrupted(byDigit: digit) }
            }
            sendFrame(frame, first: sent == 0)
            sent += 1
            try await Task.sleep(until: start + .milliseconds(20 * sent), clock: clock)
        }
        return .played
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
