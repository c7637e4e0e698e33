/// A media operation whose caller input is handed to the application as it arrives, instead of only
/// stopping it at a terminator: what FreeSWITCH's input callbacks need (`session:setInputCallback` in mod_lua,
/// `switch_input_args_t`).
public enum InteractiveOperation: Sendable, Hashable {
    /// Play a file, `tone_stream://` or `silence_stream://` source.
    case play(String)
    /// Wait, consuming media (`session:sleep`).
    case sleep(Duration)
    /// Record the caller's audio to a file until `limit` (nil: no limit) or until stopped.
    case record(path: String, limit: Duration?)
}

/// One thing that happened during an `InteractiveMedia` operation.
public enum MediaInputEvent: Sendable, Hashable {
    /// The caller pressed a key; `duration` in samples (8 kHz), as FreeSWITCH reports it.
    case dtmf(Character, duration: Int)
    /// An event queued to the leg (``SessionEventQueue``), reported by ``Session/startInteractive(_:)``.
    case event(SwitchEvent)
    /// The operation ended (played out, limit reached, stopped, or the leg went away).
    case ended
}

/// What to do with an interactive operation after an input event (FreeSWITCH input-callback return values,
/// compat §4.3).
public enum MediaControl: Sendable, Hashable {
    /// Go on.
    case `continue`
    /// End the operation now (`break`, `stop`, `false`, any other string).
    case stop
    /// Toggle pause: a paused playback sends silence until toggled again.
    case pause
    /// Play the file again from its start.
    case restart
    /// Move the play position: `relative` adds `milliseconds` (may be negative), else it is absolute.
    case seek(milliseconds: Int, relative: Bool)
    /// Change playback speed (`speed:+N` / `speed:N`); ports that cannot change speed ignore it.
    case speed(Int, relative: Bool)
    /// Change playback volume (`volume:+N` / `volume:N`); ports that cannot change volume ignore it.
    case volume(Int, relative: Bool)
    /// End a recording and discard what follows (`truncate`); other operations treat it as `stop`.
    case truncate
}

/// How an interactive operation ended.
public struct InteractiveOutcome: Sendable, Hashable {
    /// False when the source did not exist (`FILE NOT FOUND`).
    public var found: Bool
    /// True when `MediaControl.stop`/`.truncate` ended it before its natural end.
    public var stopped: Bool
    /// How much media was played, waited or recorded.
    public var elapsed: Duration

    public init(found: Bool = true, stopped: Bool = false, elapsed: Duration = .zero) {
        self.found = found
        self.stopped = stopped
        self.elapsed = elapsed
    }
}

/// A running interactive operation. The owner loops: `nextEvent()`, decide, `apply(_:)`, until `.ended`.
/// Digits that arrive while it runs are delivered here, not left in the leg's DTMF buffer.
public protocol InteractiveMedia: Sendable {
    /// Waits for the next digit or for the end. Once `.ended` was returned, returns `.ended` again.
    /// Cancelling the calling task ends the operation.
    func nextEvent() async throws -> MediaInputEvent
    /// Applies the handler's decision about the last event.
    func apply(_ control: MediaControl) async
    /// How it ended; meaningful after `.ended`.
    func outcome() async -> InteractiveOutcome
}
