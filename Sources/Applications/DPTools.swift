import Phrases
import SwitchCore

/// FreeSWITCH's mod_dptools applications over the `SessionContext` API (compat §5).
///
/// Every application parses its data defensively: bad input is logged at `ERR`/`WARNING` and the application
/// returns, so the dialplan goes on with the next action, as FreeSWITCH does.
///
/// Not here, because `SessionContext`/`MediaPort` offer no raw-frame access: `echo` and `delay_echo` (loop the
/// caller's audio back) are left for the media layer. `respond` has no SIP hook in `SessionContext`; see
/// ``respond(_:_:log:)`` for what it does instead.
public enum DPTools {
    /// Registers `answer`, `pre_answer`, `ring_ready`, `hangup`, `set`, `export`, `unset`, `multiset`, `log`,
    /// `info`, `eval`, `sleep`, `playback` (with `phrase:` sources), `phrase`, `gentones`, `record`, `read`,
    /// `play_and_get_digits`, `transfer` and `respond`.
    /// - Parameters:
    ///   - clock: what `sleep` and a phrase macro's pauses wait on; tests inject a clock that does not wait.
    ///   - log: where `log`, `info` and parse errors go.
    ///   - phrases: the phrase macros and the applications their `execute` actions may run.
    public static func register<C: Clock<Duration>>(
        into registry: inout ApplicationRegistry, clock: C = ContinuousClock(), log: ApplicationLog = .discarding,
        phrases: PhraseEnvironment = PhraseEnvironment()
    ) {
        let player = PhrasePlayer(phrases: phrases, clock: clock, log: log)
        registry.register("answer") { session, _ in try await session.answer() }
        registry.register("pre_answer") { session, _ in try await session.preAnswer() }
        registry.register("ring_ready") { session, _ in try await session.ringReady() }
        registry.register("hangup") { session, data in await hangup(session, data, log: log) }
        registry.register("transfer") { session, data in await transfer(session, data, log: log) }
        registry.register("respond") { session, data in try await respond(session, data, log: log) }
        registry.register("set") { session, data in await set(session, data, log: log) }
        registry.register("export") { session, data in await export(session, data, log: log) }
        registry.register("unset") { session, data in await unset(session, data, log: log) }
        registry.register("multiset") { session, data in await multiset(session, data, log: log) }
        registry.register("log") { session, data in logLine(session, data, log: log) }
        registry.register("info") { session, data in await info(session, data, log: log) }
        registry.register("eval") { _, _ in }
        registry.register("sleep") { session, data in await sleep(session, data, clock: clock, log: log) }
        registry.register("playback") { session, data in try await playback(session, data, player: player) }
        registry.register("phrase") { session, data in try await phrase(session, data, player: player) }
        registry.register("gentones") { session, data in try await gentones(session, data, log: log) }
        registry.register("record") { session, data in try await record(session, data, log: log) }
        registry.register("read") { session, data in try await read(session, data, log: log) }
        registry.register("play_and_get_digits") { session, data in
            try await playAndGetDigits(session, data, log: log)
        }
    }
}
