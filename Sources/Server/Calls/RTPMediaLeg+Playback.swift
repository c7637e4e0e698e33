import Media
import SwitchCore

/// `MediaPort` over the RTP leg: playback renders 20 ms G.711 frames paced against a monotonic start
/// (frame n leaves at start + n·20 ms, so there is no drift), with continuous sequence numbers and
/// timestamps. Recording and digit collection arrive with the jitter buffer and RFC 4733 input.
extension RTPMediaLeg: MediaPort {
    func play(_ source: String, terminators: Set<Character>) async throws -> PlaybackResult {
        guard var stream = PlaybackSource(source, soundsDirectory: soundsDirectory) else { return .notFound }
        let clock = ContinuousClock()
        let start = clock.now
        var frame = [Int16](repeating: 0, count: PlaybackSource.frameSamples)
        var sent = 0
        while stream.nextFrame(into: &frame) {
            try Task.checkCancellation()
            sendFrame(frame, first: sent == 0)
            sent += 1
            try await Task.sleep(until: start + .milliseconds(20 * sent), clock: clock)
        }
        return .played
    }

    func record(_ path: String, limit: Duration?, terminators: Set<Character>) async throws -> RecordResult {
        throw SessionError(.noMedia, "record is not available on this build's RTP legs yet")
    }

    func collectDigits(_ request: DigitCollection) async throws -> DigitCollectionResult {
        throw SessionError(.noMedia, "digit collection is not available on this build's RTP legs yet")
    }
}
