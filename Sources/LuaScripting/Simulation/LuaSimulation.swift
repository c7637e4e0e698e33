import Foundation
import Synchronization
import SwitchCore

/// What a simulated call did, for `switchboard lua test`.
public struct LuaSimulationReport: Sendable {
    /// One line per thing the script made happen: answered, played <file>, tone, caller pressed, collected,
    /// set <var>=<value>, execute <app> <data>, transfer, log lines, hangup <CAUSE>. Deterministic.
    public var transcript: [String]
    public var outcome: LuaScriptOutcome
    /// Virtual time the call took.
    public var elapsed: Duration

    /// The transcript, one line each, then how the script ended and the call's virtual length: what
    /// `switchboard lua test` prints.
    public var text: String {
        let result: String
        switch outcome {
        case .completed: result = "script completed"
        case .exited: result = "script ended by its hangup hook"
        case .failed(let message): result = "script failed: " + message
        }
        let (seconds, attoseconds) = elapsed.components
        let tenths = attoseconds / 100_000_000_000_000_000
        return (transcript + [result, "call length \(seconds).\(tenths) s (virtual time)"]).joined(separator: "\n") + "\n"
    }
}

/// Runs a script against a simulated inbound call: a real `Session` over a channel driver and media port
/// that touch no network, on virtual time (`clock`), so a run takes milliseconds.
///
/// Register time-based applications on ``clock`` (e.g. `DPTools.register(into:clock: simulation.clock)`), so
/// `session:execute("sleep", …)` takes virtual time too.
public final class LuaSimulation: Sendable {
    /// Virtual time; the simulated caller hangs up when it passes `clock.limit` (a script that never ends).
    public let clock: VirtualClock
    private let environment: LuaEnvironment

    /// - Parameter environment: directories, API and globals for the script; its `clock`, `log` and
    ///   `application` are replaced by the simulation's.
    public init(environment: LuaEnvironment, limit: Duration = .seconds(3600)) {
        self.environment = environment
        clock = VirtualClock(limit: limit)
    }

    /// Runs `commandLine` (`script.lua args` or `~code`) as the `lua` application on a call from 1000 to
    /// `destination`, with channel `variables` and the caller's `digits` (space-separated groups, each pressed
    /// at the start of the next wait for input; `-` presses nothing; `!` hangs up).
    public func run(
        _ commandLine: String, digits: String = "", variables: [String: String] = [:], destination: String = "5000",
        applications: ApplicationRegistry = ApplicationRegistry()
    ) async -> LuaSimulationReport {
        let transcript = Transcript()
        let port = SimulatedMediaPort(
            transcript: transcript, timeline: DigitTimeline(digits), clock: clock,
            soundsDirectory: environment.soundsDirectory)
        let session = makeSession(port: port, transcript: transcript, variables: variables, destination: destination)
        let module = ModLua(environment: scriptEnvironment(transcript: transcript, applications: applications))
        let outcome = Mutex(LuaScriptOutcome.completed)
        var registry = ApplicationRegistry()
        registry.register("lua") { context, data in
            let result = await module.runApplication(data.text, on: TranscribingSession(context, transcript))
            outcome.withLock { $0 = result }
        }
        port.callerHangup.withLock { $0 = { await session.hangup(.normalClearing) } }
        clock.onLimit.withLock { $0 = { await session.hangup(.normalClearing) } }
        await session.start()
        // Literal data: the command line (inline code especially) is not variable-expanded before the script runs.
        let invocation = ApplicationInvocation("lua", data: ApplicationData(segments: [.literal(commandLine)]))
        let execution = await session.startExecution([invocation], registry: registry)
        if await execution.value == .transferred {
            let profile = await session.callerProfile()
            transcript.append("routed to \(profile.destinationNumber) in \(profile.dialplan)/\(profile.context)")
            await session.hangup(.normalClearing)
        }
        await session.waitUntilDestroyed()
        port.callerHangup.withLock { $0 = nil }   // the closure holds the session, which holds the port
        clock.onLimit.withLock { $0 = nil }
        return LuaSimulationReport(
            transcript: transcript.all, outcome: outcome.withLock { $0 }, elapsed: clock.elapsed)
    }

    private func makeSession(
        port: SimulatedMediaPort, transcript: Transcript, variables: [String: String], destination: String
    ) -> Session {
        let uuid = "5e55a0b1-0000-4000-8000-000000000001"
        let profile = CallerProfile(
            destinationNumber: destination, callerIDName: "Simulated Caller", callerIDNumber: "1000", ani: "1000",
            networkAddress: "127.0.0.1", uuid: uuid, username: "1000", source: "simulation",
            channelName: "simulation/1000")
        let sessionEnvironment = SessionEnvironment(
            eventBus: environment.eventBus, clock: VirtualWallClock(clock: clock), globals: environment.globals,
            coreUUID: "5e55a0b1-0000-4000-8000-00000000c0de", hostname: "simulation")
        return Session(
            uuid: uuid, direction: .inbound, profile: profile, variables: ChannelVariables(system: variables),
            driver: SimulatedChannelDriver(transcript: transcript), media: port, environment: sessionEnvironment)
    }

    private func scriptEnvironment(transcript: Transcript, applications: ApplicationRegistry) -> LuaEnvironment {
        var scriptEnvironment = environment
        scriptEnvironment.clock = clock
        scriptEnvironment.log = { record in
            let text = record.message.hasSuffix("\n") ? String(record.message.dropLast()) : record.message
            transcript.append("log \(record.level.rawValue.uppercased()) \(text)")
        }
        scriptEnvironment.application = { name in
            guard let application = applications.application(named: name) else { return nil }
            return { context, data in
                transcript.append("execute \(name)" + (data.text.isEmpty ? "" : " \(data.text)"))
                try await application(context, data)
            }
        }
        return scriptEnvironment
    }
}

/// The signalling side of a simulated call: records what the far end would have seen.
struct SimulatedChannelDriver: ChannelDriver {
    let transcript: Transcript

    func ringReady() async throws { transcript.append("ringing") }
    func preAnswer() async throws { transcript.append("pre-answered") }
    func answer() async throws { transcript.append("answered") }
    func hangup(_ cause: HangupCause) async { transcript.append("hangup \(cause.name)") }
}
