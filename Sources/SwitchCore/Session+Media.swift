extension Session {
    /// Plays `source` through the media layer. DTMF in `playback_terminators` (default `*`; `none` disables)
    /// stops it and sets `playback_terminator_used`; `current_application_response` reports the result.
    public func playback(_ source: String) async throws -> PlaybackResult {
        let port = try requireMedia()
        let result = try await port.play(source, terminators: terminators(default: "*"))
        try requireAlive()
        variables.set("current_application_response", result.applicationResponse)
        if case .interrupted(let digit) = result {
            variables.set("playback_terminator_used", String(digit), origin: .caller)
        }
        return result
    }

    /// Records inbound audio to `path` until a terminator, `limit` or hangup; sets `record_seconds`/`record_ms`.
    public func record(_ path: String, limit: Duration?) async throws -> RecordResult {
        try await record(RecordRequest(path: path, limit: limit))
    }

    /// `record` with silence detection; sets `record_seconds`/`record_ms`/`record_samples` (8 kHz samples) and
    /// `playback_terminator_used` when a digit ended it.
    public func record(_ request: RecordRequest) async throws -> RecordResult {
        let port = try requireMedia()
        let result = try await port.record(request, terminators: terminators(default: "*"))
        if let digit = result.terminator {
            variables.set("playback_terminator_used", String(digit), origin: .caller)
        }
        variables.set("record_samples", String(result.duration.components.seconds * 8000
            + result.duration.components.attoseconds / 125_000_000_000_000))
        let (seconds, attoseconds) = result.duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        variables.set("record_seconds", String(seconds))
        variables.set("record_ms", String(milliseconds))
        return result
    }

    /// Collects digits (`read`, `play_and_get_digits`). The digits are caller text: callers of this method
    /// store them with origin `.caller`, as `read_result`/`read_terminator_used` are stored here.
    public func readDigits(_ request: DigitCollection) async throws -> DigitCollectionResult {
        let port = try requireMedia()
        let result = try await port.collectDigits(request)
        try requireAlive()
        variables.set("read_result", result.timedOut && result.digits.isEmpty ? "timeout" : "success")
        if let terminator = result.terminator {
            variables.set("read_terminator_used", String(terminator), origin: .caller)
        }
        return result
    }

    /// Starts an interactive operation on the media port (input callbacks); the caller drives it. Events
    /// queued to the leg are reported during it as ``MediaInputEvent/event(_:)``.
    public func startInteractive(_ operation: InteractiveOperation) async throws -> any InteractiveMedia {
        let media = try await requireMedia().startInteractive(operation)
        return EventQueueInteractiveMedia(base: media, queue: queuedEvents)
    }

    /// Discards the DTMF buffered on the media port.
    public func flushDigits() async {
        await media?.flushDigits()
    }

    private func requireMedia() throws -> any MediaPort {
        try requireAlive()
        guard let media else { throw SessionError(.noMedia, "channel \(uuid) has no media") }
        return media
    }

    /// `playback_terminators`: a list of DTMF characters, `any` for all, `none` for none.
    private func terminators(default fallback: String) -> Set<Character> {
        let text = variables["playback_terminators"] ?? fallback
        switch text {
        case "none": return []
        case "any": return Set("0123456789*#ABCD")
        default: return Set(text)
        }
    }
}
