import SwitchCore

/// A `SessionContext` that forwards to the real leg and writes the script's variable sets and transfers to
/// the transcript.
struct TranscribingSession: SessionContext, LegSnapshotSource {
    let base: any SessionContext
    let transcript: Transcript

    init(_ base: any SessionContext, _ transcript: Transcript) {
        self.base = base
        self.transcript = transcript
    }

    var uuid: String { base.uuid }
    func answer() async throws { try await base.answer() }
    func preAnswer() async throws { try await base.preAnswer() }
    func ringReady() async throws { try await base.ringReady() }
    func hangup(_ cause: HangupCause) async { await base.hangup(cause) }
    var isHungUp: Bool { get async { await base.isHungUp } }
    func variable(_ name: String) async -> String? { await base.variable(name) }

    func setVariable(_ name: String, _ value: String?, origin: VariableOrigin) async {
        if let value, !value.isEmpty {
            if !name.hasPrefix("current_application") { transcript.append("set \(name)=\(value)") }
        } else if await base.variable(name) != nil {
            transcript.append("unset \(name)")
        }
        await base.setVariable(name, value, origin: origin)
    }

    func expand(_ template: String) async -> Expansion { await base.expand(template) }
    func callerProfile() async -> CallerProfile { await base.callerProfile() }

    func transfer(to destination: String, dialplan: String?, context: String?) async -> Bool {
        transcript.append("transfer \(destination) \(dialplan ?? "XML") \(context ?? "default")")
        return await base.transfer(to: destination, dialplan: dialplan, context: context)
    }

    func playback(_ source: String) async throws -> PlaybackResult { try await base.playback(source) }
    func record(_ path: String, limit: Duration?) async throws -> RecordResult { try await base.record(path, limit: limit) }
    func readDigits(_ request: DigitCollection) async throws -> DigitCollectionResult {
        try await base.readDigits(request)
    }
    func startInteractive(_ operation: InteractiveOperation) async throws -> any InteractiveMedia {
        TranscribingInteractiveMedia(base: try await base.startInteractive(operation), transcript: transcript)
    }
    var eventQueue: SessionEventQueue? { base.eventQueue }
    func flushDigits() async { await base.flushDigits() }

    func legSnapshot() async -> ChannelSnapshot? {
        await (base as? any LegSnapshotSource)?.legSnapshot()
    }
}

/// Writes each queued event an interactive operation reports to the transcript (digits are written by the port).
struct TranscribingInteractiveMedia: InteractiveMedia {
    let base: any InteractiveMedia
    let transcript: Transcript

    func nextEvent() async throws -> MediaInputEvent {
        let event = try await base.nextEvent()
        if case .event(let queued) = event {
            let name = queued["Event-Subclass"].map { "CUSTOM \($0)" } ?? queued.name.wireName
            transcript.append("event \(name) to input callback")
        }
        return event
    }

    func apply(_ control: MediaControl) async { await base.apply(control) }
    func outcome() async -> InteractiveOutcome { await base.outcome() }
}
