import Foundation
import Synchronization
@testable import SwitchCore

/// A wall clock the test sets.
final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = Mutex(start)
    }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// An endpoint leg that records what the session asked it to signal.
final class RecordingDriver: ChannelDriver {
    enum Signal: Equatable {
        case ringReady, preAnswer, answer
        case hangup(HangupCause)
    }

    struct Refusal: Error {}

    private let log = Mutex<[Signal]>([])
    private let refuseAnswer: Bool

    init(refuseAnswer: Bool = false) {
        self.refuseAnswer = refuseAnswer
    }

    var signals: [Signal] { log.withLock { $0 } }

    func ringReady() async throws { log.withLock { $0.append(.ringReady) } }
    func preAnswer() async throws { log.withLock { $0.append(.preAnswer) } }

    func answer() async throws {
        if refuseAnswer { throw Refusal() }
        log.withLock { $0.append(.answer) }
    }

    func hangup(_ cause: HangupCause) async { log.withLock { $0.append(.hangup(cause)) } }
}

/// Everything a session test needs, wired as the composition root would.
struct SessionFixture {
    let bus = EventBus()
    let clock = ManualWallClock()
    let globals = GlobalVariables(["domain": "example.com"])
    let driver: RecordingDriver
    let registry: SessionRegistry
    let subscription: EventSubscription

    init(driver: RecordingDriver = RecordingDriver()) {
        self.driver = driver
        registry = SessionRegistry(startedAt: clock.now())
        subscription = bus.subscribe(bufferSize: 10_000)
    }

    var environment: SessionEnvironment {
        let registry = self.registry
        return SessionEnvironment(
            eventBus: bus, clock: clock, globals: globals, coreUUID: "core-1", hostname: "pbx1",
            onDestroy: { await registry.remove($0) })
    }

    func makeSession(
        uuid: String = "leg-a", direction: CallDirection = .inbound, callerIDName: String = "Alice",
        callerIDNumber: String = "1000", destination: String = "9196", media: (any MediaPort)? = nil
    ) async -> Session {
        let profile = CallerProfile(
            destinationNumber: destination, callerIDName: callerIDName, callerIDNumber: callerIDNumber,
            ani: callerIDNumber, networkAddress: "192.0.2.10", context: "default", uuid: "",
            username: callerIDNumber, source: "mod_sofia", channelName: "sofia/internal/\(callerIDNumber)@example.com")
        let session = Session(
            uuid: uuid, direction: direction, profile: profile, driver: driver, media: media,
            environment: environment)
        await registry.add(session, at: clock.now())
        await session.start()
        return session
    }

    /// Ends the subscription and returns every event published so far.
    func events() async -> [SwitchEvent] {
        subscription.cancel()
        var collected: [SwitchEvent] = []
        for await event in subscription.events {
            collected.append(event)
        }
        return collected
    }
}
