import Foundation
import Synchronization
import Testing
import SwitchCore
@testable import Applications

/// The dptools on a real `Session`: data expanded by the session, effects visible in its variables.
@Suite struct SessionIntegrationTests {
    final class SilentDriver: ChannelDriver {
        private let causes = Mutex<[HangupCause]>([])
        var hangups: [HangupCause] { causes.withLock { $0 } }

        func ringReady() async throws {}
        func preAnswer() async throws {}
        func answer() async throws {}
        func hangup(_ cause: HangupCause) async { causes.withLock { $0.append(cause) } }
    }

    struct FixedClock: WallClock {
        func now() -> Date { Date(timeIntervalSince1970: 1_700_000_000) }
    }

    private func makeSession(driver: SilentDriver) -> Session {
        let environment = SessionEnvironment(
            eventBus: EventBus(), clock: FixedClock(), globals: GlobalVariables([:]), coreUUID: "core",
            hostname: "pbx", onDestroy: { _ in })
        let profile = CallerProfile(destinationNumber: "9196", callerIDNumber: "1000", uuid: "")
        return Session(uuid: "leg-1", direction: .inbound, profile: profile, driver: driver, environment: environment)
    }

    @Test func applicationsRunOnASession() async throws {
        let harness = ApplicationHarness()
        let driver = SilentDriver()
        let session = makeSession(driver: driver)
        await session.start()
        let outcome = await session.run([
            ApplicationInvocation("set", "greeting=hello ${destination_number}"),
            ApplicationInvocation("export", "nolocal:leg_b=1"),
            ApplicationInvocation("info"),
            ApplicationInvocation("hangup", "USER_BUSY"),
        ], registry: harness.registry)
        #expect(outcome == .hungUp)
        let variables = await session.channelVariables()
        #expect(variables["greeting"] == "hello 9196")
        #expect(variables["export_vars"] == "nolocal:leg_b")
        #expect(driver.hangups == [.userBusy])
        let info = try #require(harness.records.first { $0.level == .info })
        #expect(info.message.contains("variable_greeting: [hello 9196]"))
    }
}
