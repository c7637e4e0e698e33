import Foundation
import SwitchCore

extension DPTools {
    /// How often `sleep` looks whether the leg hung up: one 20 ms frame, as `switch_ivr_sleep` reads frames.
    static let sleepSlice = Duration.milliseconds(20)

    /// `sleep <ms>`: waits on `clock`, checking between 20 ms slices whether the leg hung up and returning
    /// early if so. Cancelling the task (what `Session.hangup` does) also ends it quietly.
    static func sleep<C: Clock<Duration>>(
        _ session: any SessionContext, _ data: Expansion, clock: C, log: ApplicationLog
    ) async {
        guard let milliseconds = ApplicationArguments.milliseconds(data.text) else {
            log(.error, session, "sleep: bad duration [\(data.text)]; expected milliseconds")
            return
        }
        var remaining = Duration.milliseconds(milliseconds)
        while remaining > .zero {
            if await session.isHungUp || Task.isCancelled { return }
            let slice = min(remaining, sleepSlice)
            do {
                try await clock.sleep(for: slice)
            } catch {
                return
            }
            remaining -= slice
        }
    }
}
