/// The media operations applications use, implemented by the media layer for one leg.
/// Each returns when the operation ends; cancelling the calling task stops it.
public protocol MediaPort: Sendable {
    func play(_ source: String, terminators: Set<Character>) async throws -> PlaybackResult
    func record(_ path: String, limit: Duration?, terminators: Set<Character>) async throws -> RecordResult
    /// `record` with silence detection (a default forwards to `record(_:limit:terminators:)`).
    func record(_ request: RecordRequest, terminators: Set<Character>) async throws -> RecordResult
    func collectDigits(_ request: DigitCollection) async throws -> DigitCollectionResult
    /// Starts an operation whose DTMF is reported as it arrives (input callbacks). A default built on the three
    /// methods above exists (`PolledInteractiveMedia`); ports should implement it natively for exact pause/seek.
    func startInteractive(_ operation: InteractiveOperation) async throws -> any InteractiveMedia
    /// Discards the digits buffered so far (`session:flushDigits()`). The default drains `collectDigits`.
    func flushDigits() async
}

/// How a playback ended (`current_application_response` values of `playback`).
public enum PlaybackResult: Sendable, Hashable {
    case played
    case interrupted(byDigit: Character)
    case notFound

    public var applicationResponse: String {
        switch self {
        case .played, .interrupted: "FILE PLAYED"
        case .notFound: "FILE NOT FOUND"
        }
    }
}

public struct RecordResult: Sendable, Hashable {
    public var duration: Duration
    public var terminator: Character?

    public init(duration: Duration, terminator: Character? = nil) {
        self.duration = duration
        self.terminator = terminator
    }
}

/// A `read` / `play_and_get_digits` request: play `prompt`, collect between `minimum` and `maximum` digits.
public struct DigitCollection: Sendable, Hashable {
    public var minimum: Int
    public var maximum: Int
    public var prompt: String?
    public var timeout: Duration
    public var terminators: Set<Character>
    public var interDigitTimeout: Duration?
    /// Upper bound on the whole collection (mod_lua `getDigits` `abs_timeout`); nil for none.
    public var absoluteTimeout: Duration?

    public init(
        minimum: Int, maximum: Int, prompt: String? = nil, timeout: Duration, terminators: Set<Character> = ["#"],
        interDigitTimeout: Duration? = nil, absoluteTimeout: Duration? = nil
    ) {
        self.absoluteTimeout = absoluteTimeout
        self.minimum = minimum
        self.maximum = maximum
        self.prompt = prompt
        self.timeout = timeout
        self.terminators = terminators
        self.interDigitTimeout = interDigitTimeout
    }
}

public struct DigitCollectionResult: Sendable, Hashable {
    /// Digits the caller pressed. They are caller text: store them with origin `.caller`.
    public var digits: String
    public var terminator: Character?
    public var timedOut: Bool

    public init(digits: String, terminator: Character? = nil, timedOut: Bool = false) {
        self.digits = digits
        self.terminator = terminator
        self.timedOut = timedOut
    }
}
