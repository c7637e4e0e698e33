import Foundation

/// One call leg. Isolation: an `actor` per leg owns the channel state machine, call state, variables, caller
/// profile and CDR timestamps (DESIGN.md "Concurrency": the actor choice, used uniformly; media packets never
/// hop onto it).
///
/// Changes that the far end must see go through the `ChannelDriver` first; the new state is recorded and the
/// event published only after the driver succeeded. Because the actor is re-entrant across those awaits,
/// every state is checked again after each await. Events are published with no lock held (`EventBus`).
public actor Session: SessionContext {
    public nonisolated let uuid: String
    public nonisolated let direction: CallDirection
    /// Events queued to this leg (FreeSWITCH's session event queue).
    public nonisolated let queuedEvents = SessionEventQueue()
    public nonisolated var eventQueue: SessionEventQueue? { queuedEvents }

    var channel = ChannelStateMachine()
    var callState = CallState.down
    var variables: ChannelVariables
    var profile: CallerProfile
    let initialProfile: CallerProfile
    let environment: SessionEnvironment
    public nonisolated let driver: any ChannelDriver
    let media: (any MediaPort)?

    let createdAt: Date
    var progressAt: Date?
    var progressMediaAt: Date?
    var answeredAt: Date?
    var hungupAt: Date?
    var hangupCause: HangupCause?
    var application: String?
    var applicationData: String?
    var bridgedTo: String?
    /// Incremented on each transfer, so a running application list knows it has been replaced.
    var routingGeneration = 0
    /// Cancels the task started by `startExecution`, if any.
    var cancelExecution: (@Sendable () -> Void)?
    private var endWaiters: [CheckedContinuation<Void, Never>] = []
    /// Tasks waiting for the hangup to start (`waitUntilHungUp`), by waiter id so a cancelled one can leave.
    private var hangupWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextHangupWaiter: UInt64 = 0
    private var parkWaiters: [CheckedContinuation<Void, Never>] = []
    private var destroyed = false

    public init(
        uuid: String, direction: CallDirection, profile: CallerProfile, variables: ChannelVariables = ChannelVariables(),
        driver: any ChannelDriver, media: (any MediaPort)? = nil, environment: SessionEnvironment
    ) {
        self.uuid = uuid
        self.direction = direction
        var profile = profile
        profile.uuid = uuid
        self.profile = profile
        self.initialProfile = profile
        self.variables = variables
        self.driver = driver
        self.media = media
        self.environment = environment
        self.createdAt = environment.clock.now()
    }

    /// Moves CS_NEW → CS_INIT and fires CHANNEL_CREATE. Endpoints call it once, after registering the leg.
    public func start() {
        guard apply(.initialize) else { return }
        publish(.channelCreate)
    }

    public func snapshot() -> ChannelSnapshot {
        ChannelSnapshot(
            uuid: uuid, direction: direction, profile: profile, initialProfile: initialProfile,
            channelState: channel.state, callState: callState,
            variables: variables, createdAt: createdAt, progressAt: progressAt, progressMediaAt: progressMediaAt,
            answeredAt: answeredAt, hungupAt: hungupAt, hangupCause: hangupCause, application: application,
            applicationData: applicationData, bridgedTo: bridgedTo)
    }

    public var channelState: ChannelState { channel.state }
    public var currentCallState: CallState { callState }
    public var cause: HangupCause? { hangupCause }
    public var isHungUp: Bool { channel.state.isEnding }

    // MARK: Answer states

    public func ringReady() async throws {
        try await changeCallState(.ring) { try await $0.ringReady() }
    }

    public func preAnswer() async throws {
        try await changeCallState(.preAnswer) { try await $0.preAnswer() }
    }

    /// Answers the leg; answering an answered leg does nothing (compat §5 `answer`: idempotent). Two answers
    /// racing each other may both reach the driver, which treats a repeated answer as a no-op.
    public func answer() async throws {
        try await changeCallState(.answer) { try await $0.answer() }
    }

    /// Hold and unhold are signalled by the endpoint (re-INVITE), which reports them here.
    public func receivedHold(_ held: Bool) {
        guard let next = CallState.next(from: callState, on: held ? .hold : .unhold) else { return }
        let original = callState
        callState = next
        publishCallState(from: original)
    }

    /// CHANNEL_CALLSTATE with the state left behind (`Original-Channel-Call-State`), as presence needs.
    func publishCallState(from original: CallState) {
        publish(.channelCallState, extra: [("Original-Channel-Call-State", original.name)])
    }

    private func changeCallState(
        _ input: CallState.Input, signal: (any ChannelDriver) async throws -> Void
    ) async throws {
        try requireAlive()
        guard CallState.next(from: callState, on: input) != nil else { return }
        try await signal(driver)
        try requireAlive()
        guard let next = CallState.next(from: callState, on: input) else { return }
        let original = callState
        callState = next
        let now = environment.clock.now()
        switch input {
        case .ring:
            progressAt = progressAt ?? now
            publish(.channelProgress)
        case .preAnswer:
            progressMediaAt = progressMediaAt ?? now
            publish(.channelProgressMedia)
        case .answer:
            answeredAt = now
            publish(.channelAnswer)
        case .hold, .unhold, .hangup:
            break
        }
        publishCallState(from: original)
    }

    func requireAlive() throws {
        if channel.state.isEnding {
            throw SessionError(.hungUp, "channel \(uuid) is \(channel.state.name)")
        }
    }

    // MARK: Hangup

    /// Ends the leg: the first cause wins, later calls do nothing. Fires CHANNEL_CALLSTATE (HANGUP) and
    /// CHANNEL_HANGUP, tells the driver,
    /// then CHANNEL_HANGUP_COMPLETE (with all variables) and CHANNEL_DESTROY, and cancels running applications.
    public func hangup(_ cause: HangupCause = .normalClearing) async {
        guard ChannelStateMachine.next(from: channel.state, on: .hangup) != nil else { return }
        hangupCause = cause
        hungupAt = environment.clock.now()
        let original = callState
        callState = .hangup
        variables.set("hangup_cause", cause.name)
        variables.set("hangup_cause_q850", String(cause.q850))
        _ = apply(.hangup)
        cancelExecution?()
        let hangupWaiters = self.hangupWaiters
        self.hangupWaiters.removeAll()
        for waiter in hangupWaiters.values { waiter.resume() }
        publishCallState(from: original)
        publish(.channelHangup)
        await driver.hangup(cause)
        _ = apply(.report)
        publish(.channelHangupComplete, includeVariables: true)
        _ = apply(.destroy)
        publish(.channelDestroy)
        destroyed = true
        let waiters = endWaiters
        endWaiters.removeAll()
        for waiter in waiters {
            waiter.resume()
        }
        if let record = CDRRecord(snapshot()) {
            await environment.onCallDetailRecord(record)
        }
        await environment.onDestroy(uuid)
    }

    /// Returns once the leg started hanging up (at once if it has), or when the calling task is cancelled: what
    /// a bridge waits on, without polling.
    public func waitUntilHungUp() async {
        guard !isHungUp else { return }
        let id = nextHangupWaiter
        nextHangupWaiter += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if isHungUp || Task.isCancelled {
                    continuation.resume()
                } else {
                    hangupWaiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.leaveHangupWait(id) }
        }
    }

    private func leaveHangupWait(_ id: UInt64) {
        hangupWaiters.removeValue(forKey: id)?.resume()
    }

    /// Returns once the leg reached CS_DESTROY.
    public func waitUntilDestroyed() async {
        if destroyed { return }
        await withCheckedContinuation { endWaiters.append($0) }
    }

    // MARK: Routing and bridging

    /// CS_INIT → CS_ROUTING: the dialplan may now be hunted with `callerProfile()` and the variables.
    @discardableResult
    public func route() -> Bool {
        apply(.route)
    }

    /// Restarts routing with a new destination (`transfer`); a running application list stops after the
    /// current application.
    @discardableResult
    public func transfer(to destination: String, dialplan: String? = nil, context: String? = nil) -> Bool {
        guard apply(.transfer) else { return false }
        variables.set("transfer_source", profile.destinationNumber)
        profile.destinationNumber = destination
        if let dialplan { profile.dialplan = dialplan }
        if let context { profile.context = context }
        routingGeneration += 1
        return true
    }

    @discardableResult
    public func park() -> Bool {
        apply(.park)
    }

    /// Records that this leg's media now flows to `other` (CS_EXCHANGE_MEDIA) and fires CHANNEL_BRIDGE.
    @discardableResult
    public func bridged(to other: String) -> Bool {
        guard apply(.bridge) else { return false }
        bridgedTo = other
        variables.set("bridge_uuid", other)
        variables.set("last_bridge_to", other)
        publish(.channelBridge, extra: [("Bridge-A-Unique-ID", uuid), ("Bridge-B-Unique-ID", other),
                                        ("Other-Leg-Unique-ID", other)])
        return true
    }

    @discardableResult
    public func unbridged() -> Bool {
        guard let other = bridgedTo, apply(.unbridge) else { return false }
        bridgedTo = nil
        variables.remove("bridge_uuid")
        publish(.channelUnbridge, extra: [("Bridge-A-Unique-ID", uuid), ("Bridge-B-Unique-ID", other),
                                          ("Other-Leg-Unique-ID", other)])
        return true
    }

    /// A DTMF digit the endpoint decoded (RFC 4733 or SIP INFO); fires the DTMF event.
    public func receivedDTMF(_ digit: Character, duration: Int = 2000, source: String = "RTP") {
        publish(.dtmf, extra: [("DTMF-Digit", String(digit)), ("DTMF-Duration", String(duration)),
                               ("DTMF-Source", source)])
    }

    // MARK: Variables

    public func variable(_ name: String) -> String? {
        variables[name] ?? profile.field(name)?.value ?? environment.globals[name]
    }

    public func setVariable(_ name: String, _ value: String?, origin: VariableOrigin = .system) {
        variables.set(name, value, origin: origin)
    }

    public func setVariable(_ name: String, expansion: Expansion) {
        variables.set(name, expansion: expansion)
    }

    public func expand(_ template: String) -> Expansion {
        VariableExpander(variables: variables, profile: profile, globals: environment.globals.snapshot())
            .expand(template)
    }

    public func callerProfile() -> CallerProfile {
        profile
    }

    public func updateCallerProfile(_ update: (inout CallerProfile) -> Void) {
        update(&profile)
        profile.uuid = uuid
    }

    // MARK: Internals

    func apply(_ input: ChannelStateMachine.Input) -> Bool {
        guard case .moved(let from, _) = channel.apply(input) else { return false }
        publish(.channelState)
        if from == .park { resumeParkWaiters() }
        return true
    }

    /// Returns once the leg leaves CS_PARK (transfer, bridge, hangup); at once if it is not parked.
    public func waitWhileParked() async {
        guard channel.state == .park else { return }
        await withCheckedContinuation { parkWaiters.append($0) }
    }

    private func resumeParkWaiters() {
        let waiters = parkWaiters
        parkWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    func publish(
        _ name: EventName, includeVariables: Bool = false, extra: [(name: String, value: String)] = []
    ) {
        guard environment.eventBus.wants(name, presence: variables["presence_id"] != nil) else { return }
        let event = SwitchEvent.channel(
            name, snapshot: snapshot(), at: environment.clock.now(), coreUUID: environment.coreUUID,
            hostname: environment.hostname, includeVariables: includeVariables, extraHeaders: extra)
        environment.eventBus.publish(event)
    }
}
