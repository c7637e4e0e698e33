/// What an application sees of the leg it runs on. `Session` implements it; the Lua host and tests may too.
public protocol SessionContext: Sendable {
    var uuid: String { get }

    func answer() async throws
    func preAnswer() async throws
    func ringReady() async throws
    func hangup(_ cause: HangupCause) async
    var isHungUp: Bool { get async }

    /// Channel variable, else caller-profile field, else global (FreeSWITCH `switch_channel_get_variable`).
    func variable(_ name: String) async -> String?
    func setVariable(_ name: String, _ value: String?, origin: VariableOrigin) async
    func expand(_ template: String) async -> Expansion
    func callerProfile() async -> CallerProfile
    /// Restarts routing with a new destination (`transfer` application); false if the leg cannot transfer now.
    @discardableResult
    func transfer(to destination: String, dialplan: String?, context: String?) async -> Bool

    func playback(_ source: String) async throws -> PlaybackResult
    func record(_ path: String, limit: Duration?) async throws -> RecordResult
    /// `record` with silence detection (a default forwards to `record(_:limit:)`).
    func record(_ request: RecordRequest) async throws -> RecordResult
    func readDigits(_ request: DigitCollection) async throws -> DigitCollectionResult
    /// Starts a playback, sleep or recording that reports DTMF as it arrives (mod_lua input callbacks).
    func startInteractive(_ operation: InteractiveOperation) async throws -> any InteractiveMedia
    /// Discards buffered DTMF (`session:flushDigits()`).
    func flushDigits() async
    /// Events queued to this leg (`session:sendEvent`, an event socket `sendevent` with its Unique-ID); nil
    /// for a context that has none.
    var eventQueue: SessionEventQueue? { get }
}

extension SessionContext {
    /// Default for contexts without a media layer: throws `SessionError(.noMedia)`.
    public func startInteractive(_ operation: InteractiveOperation) async throws -> any InteractiveMedia {
        throw SessionError(.noMedia, "channel \(uuid) has no interactive media")
    }

    /// Default: nothing is buffered.
    public func flushDigits() async {}

    /// Default: no queue.
    public var eventQueue: SessionEventQueue? { nil }
}
