import Applications
import Foundation
import Logging
import Phrases
import SIPEndpoint
import SwitchCore
import Synchronization

/// Runs routed calls: one `Session` per leg over the endpoint's driver, the dialplan's applications, and the
/// media applications that need the RTP leg (`echo`).
final class CallExecutor: Sendable {
    let sessions: SessionRegistry
    let environment: SessionEnvironment
    let logger: Logger
    let registry: Mutex<ApplicationRegistry>
    let media = Mutex<[String: RTPMediaLeg]>([:])
    /// Set once the endpoint exists (it needs the router, which needs this executor).
    let endpoint = Mutex<SIPEndpoint?>(nil)
    /// Hunts the dialplan for a profile and variables (transfer, originate to an extension); set with the router.
    let hunter = Mutex<DialplanHunter?>(nil)
    /// Browsers logged in over Verto, rung by `user/…` like SIP contacts; set once the Verto service exists.
    let browserDialer = Mutex<BrowserDialerBox?>(nil)
    var browsers: (any BrowserDialer)? { browserDialer.withLock { $0?.dialer } }

    struct BrowserDialerBox: Sendable {
        let dialer: any BrowserDialer
    }

    /// The router's hunt, once set (kept in a struct: a closure held directly as a `Mutex` value is re-abstracted
    /// on every `withLock`, growing a chain of thunks).
    struct DialplanHunter: Sendable {
        let hunt: @Sendable (CallerProfile, [String: String]) -> CallRouting
    }

    var hunt: (@Sendable (CallerProfile, [String: String]) -> CallRouting)? { hunter.withLock { $0?.hunt } }

    /// - Parameter phrases: the phrase macros in force, for `phrase` and `playback phrase:`; their `execute`
    ///   actions find applications in this executor's registry.
    init(
        environment: SessionEnvironment, sessions: SessionRegistry, logger: Logger,
        phrases: @escaping @Sendable () -> PhraseBook = { PhraseBook() }
    ) {
        self.environment = environment
        self.sessions = sessions
        self.logger = logger
        self.registry = Mutex(ApplicationRegistry())
        let lookup: @Sendable (String) -> Application? = { [weak self] name in
            self?.registry.withLock { $0.application(named: name) }
        }
        registry.withLock {
            DPTools.register(
                into: &$0, log: Self.applicationLog(logger),
                phrases: PhraseEnvironment(book: phrases, application: lookup))
        }
        registerMediaApplications()
        registerRoutingApplications()
    }

    /// dptools `log`/`info` lines go to the server log with the call's uuid.
    static func applicationLog(_ logger: Logger) -> ApplicationLog {
        ApplicationLog { record in
            let level: Logger.Level
            switch record.level {
            case .console, .alert, .critical: level = .critical
            case .error: level = .error
            case .warning: level = .warning
            case .notice: level = .notice
            case .info: level = .info
            case .debug: level = .debug
            }
            logger.log(level: level, "\(record.message)", metadata: ["uuid": "\(record.uuid)"])
        }
    }

    func register(_ install: (inout ApplicationRegistry) -> Void) {
        registry.withLock { install(&$0) }
    }

    /// `echo`: every RTP packet goes back to the caller until the call ends; `delay_echo <ms>`: the same,
    /// `ms` later (FreeSWITCH's test extensions 9196 and 9195).
    private func registerMediaApplications() {
        registry.withLock { r in
            r.register("echo") { [weak self] context, _ in
                try await self?.loopBack(context, mode: .echo)
            }
            r.register("bridge") { [weak self] context, data in
                try await self?.bridge(context, dialString: data)
            }
            r.register("delay_echo") { [weak self] context, data in
                let milliseconds = Int(data.text.trimmingCharacters(in: .whitespaces)) ?? 5000
                try await self?.loopBack(context, mode: .delayedEcho(.milliseconds(max(20, milliseconds))))
            }
        }
    }

    private func loopBack(_ context: any SessionContext, mode: RTPMediaLeg.Mode) async throws {
        guard let leg = media.withLock({ $0[context.uuid] }) else { return }
        leg.setMode(mode)
        defer { leg.setMode(.idle) }
        while !(await context.isHungUp) {
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Variables the endpoint decided (not copied from the caller's headers).
    static let systemVariables: Set = [
        "domain_name", "user_name", "read_codec", "write_codec", "read_rate", "write_rate", "remote_media_ip",
        "remote_media_port",
    ]

    func run(_ call: IncomingCall, applications: [ApplicationInvocation], driver: SIPServerCall, media leg: any SIPMediaLeg) async {
        var variables = ChannelVariables()
        for (name, value) in call.variables {
            // Values from SIP headers are the caller's words: never expanded again.
            let trusted = Self.systemVariables.contains(name)
            variables.set(name, value, origin: trusted ? .system : .caller)
        }
        let session = Session(
            uuid: driver.uuid, direction: .inbound, profile: call.profile, variables: variables, driver: driver,
            media: leg as? MediaPort, environment: environment)
        // Weak: the session holds its driver and media, so a strong capture would be a cycle that outlives the call.
        driver.onRemoteHangup { [weak session] cause in Task { await session?.hangup(cause) } }
        driver.onHoldChange { [weak session] held in Task { await session?.receivedHold(held) } }
        await runInbound(session, media: leg as? RTPMediaLeg, applications: applications)
    }

    /// Runs an inbound leg from any endpoint (SIP, Verto): registers it and its media, runs the applications
    /// (re-routing on transfer), hangs it up when they end, and forgets it once destroyed.
    func runInbound(_ session: Session, media rtp: RTPMediaLeg?, applications: [ApplicationInvocation]) async {
        if let rtp {
            media.withLock { $0[session.uuid] = rtp }
            rtp.onDigit { [weak session] digit, source in Task { await session?.receivedDTMF(digit, source: source) } }
        }
        await sessions.add(session, at: Date())
        await session.start()
        let outcome = await execute(session, applications)
        if !(await session.isHungUp) { await session.hangup(.normalClearing) }
        await session.waitUntilDestroyed()
        media.withLock { $0[session.uuid] = nil }
        let cause = await session.cause?.name ?? ""
        logger.info("call ended", metadata: ["uuid": "\(session.uuid)", "outcome": "\(outcome)", "cause": "\(cause)"])
    }
}
