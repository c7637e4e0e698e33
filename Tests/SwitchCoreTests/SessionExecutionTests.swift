import Foundation
import Synchronization
import Testing
@testable import SwitchCore

struct SessionExecutionTests {
    /// Collects the data each application received, as a real `log`-style application would see it.
    final class Transcript: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    static func registry(_ transcript: Transcript) -> ApplicationRegistry {
        var registry = ApplicationRegistry()
        registry.register("answer") { session, _ in try await session.answer() }
        registry.register("log") { _, data in transcript.append(data.text) }
        registry.register("set") { session, data in
            let parts = data.text.split(separator: "=", maxSplits: 1).map(String.init)
            await session.setVariable(parts[0], parts.count > 1 ? parts[1] : nil, origin: data.origin)
        }
        registry.register("hangup") { session, data in
            await session.hangup(HangupCause(parsing: data.text) ?? .normalClearing)
        }
        registry.register("transfer") { session, data in
            await session.transfer(to: data.text, dialplan: nil, context: nil)
        }
        return registry
    }

    @Test func runsInOrderExpandingDataAtExecution() async {
        let fixture = SessionFixture()
        let transcript = Transcript()
        let session = await fixture.makeSession()
        await session.route()
        let outcome = await session.run([
            ApplicationInvocation("answer"),
            ApplicationInvocation("set", "who=${caller_id_name}"),
            ApplicationInvocation("log", "dest=${destination_number} who=${who} at $${domain}"),
        ], registry: Self.registry(transcript))
        #expect(outcome == .completed)
        #expect(transcript.all == ["dest=9196 who=Alice at example.com"])
        #expect(await session.cause == .normalClearing)
        #expect(fixture.driver.signals == [.answer, .hangup(.normalClearing)])

        let events = await fixture.events()
        let executes = events.filter { $0.name == .channelExecute }.compactMap { $0["Application"] }
        #expect(executes == ["answer", "set", "log"])
        let completes = events.filter { $0.name == .channelExecuteComplete }
        #expect(completes.count == 3)
        #expect(completes[1]["Application-Data"] == "who=Alice")
    }

    @Test func callerIDInjectionStaysText() async {
        let fixture = SessionFixture()
        let transcript = Transcript()
        let session = await fixture.makeSession(callerIDName: "${system(rm -rf /)}", callerIDNumber: "${domain}")
        await session.route()
        _ = await session.run([
            ApplicationInvocation("log", "from ${caller_id_name} <${caller_id_number}>"),
        ], registry: Self.registry(transcript))
        #expect(transcript.all == ["from ${system(rm -rf /)} <${domain}>"])
    }

    @Test func callerTextCopiedBySetStaysTextLater() async {
        let fixture = SessionFixture()
        let transcript = Transcript()
        let session = await fixture.makeSession(callerIDName: "${domain}")
        await session.route()
        _ = await session.run([
            ApplicationInvocation("set", "who=${caller_id_name}"),
            ApplicationInvocation("set", "greeting=hi ${who}"),
            ApplicationInvocation("log", "${greeting}"),
        ], registry: Self.registry(transcript))
        #expect(transcript.all == ["hi ${domain}"])
        #expect(await session.snapshot().variables.variable("greeting")?.origin == .caller)
    }

    @Test func runRoutesANewLegAndLeavesAParkedLegAlone() async {
        let fixture = SessionFixture()
        var registry = ApplicationRegistry()
        registry.register("park") { session, _ in
            guard let session = session as? Session else { return }
            await session.park()
        }
        let session = await fixture.makeSession()
        let outcome = await session.run([ApplicationInvocation("park")], registry: registry)
        #expect(outcome == .completed)
        #expect(await session.channelState == .park)
        #expect(await session.cause == nil)
        let states = await fixture.events().filter { $0.name == .channelState }.compactMap { $0["Channel-State"] }
        #expect(states == ["CS_INIT", "CS_ROUTING", "CS_EXECUTE", "CS_PARK"])
    }

    @Test func unknownApplicationHangsUpWithDestinationOutOfOrder() async {
        let fixture = SessionFixture()
        let transcript = Transcript()
        let session = await fixture.makeSession()
        await session.route()
        let outcome = await session.run([
            ApplicationInvocation("no_such_app"), ApplicationInvocation("log", "never"),
        ], registry: Self.registry(transcript))
        #expect(outcome == .hungUp)
        #expect(await session.cause == .destinationOutOfOrder)
        #expect(transcript.all.isEmpty)
    }

    @Test func hangupApplicationStopsTheList() async {
        let fixture = SessionFixture()
        let transcript = Transcript()
        let session = await fixture.makeSession()
        await session.route()
        let outcome = await session.run([
            ApplicationInvocation("hangup", "CALL_REJECTED"), ApplicationInvocation("log", "never"),
        ], registry: Self.registry(transcript))
        #expect(outcome == .hungUp)
        #expect(await session.cause == .callRejected)
        #expect(transcript.all.isEmpty)
    }

    @Test func transferEndsTheListForRerouting() async {
        let fixture = SessionFixture()
        let transcript = Transcript()
        let session = await fixture.makeSession()
        await session.route()
        let outcome = await session.run([
            ApplicationInvocation("transfer", "5000"), ApplicationInvocation("log", "never"),
        ], registry: Self.registry(transcript))
        #expect(outcome == .transferred)
        #expect(await session.channelState == .routing)
        #expect(await session.callerProfile().destinationNumber == "5000")
        #expect(await session.variable("transfer_source") == "9196")
        #expect(await session.snapshot().initialProfile.destinationNumber == "9196")
        #expect(transcript.all.isEmpty)
    }

    @Test func hangupCancelsARunningApplication() async throws {
        let fixture = SessionFixture()
        let started = AsyncStream.makeStream(of: Void.self)
        var registry = ApplicationRegistry()
        registry.register("park_forever") { _, _ in
            started.continuation.yield()
            try await Task.sleep(for: .seconds(86_400))  // ends only by cancellation
        }
        let session = await fixture.makeSession()
        await session.route()
        let task = await session.startExecution([ApplicationInvocation("park_forever")], registry: registry)
        var iterator = started.stream.makeAsyncIterator()
        _ = await iterator.next()
        await session.hangup(.originatorCancel)
        #expect(await task.value == .hungUp)
        #expect(await session.cause == .originatorCancel)
    }
}

extension SessionExecutionTests {
    @Test func capturedCallerTextIsNotExpanded() async {
        let fixture = SessionFixture()
        let transcript = Transcript()
        let session = await fixture.makeSession(destination: "${domain}")
        await session.route()
        // As the dialplan hands over `bridge user/$1@${domain}` after matching `^(.*)$` on the destination.
        let data = ApplicationData(segments: [.template("user/"), .literal("${domain}"), .template("@${domain}")])
        _ = await session.run([ApplicationInvocation("log", data: data)], registry: Self.registry(transcript))
        #expect(transcript.all == ["user/${domain}@example.com"])
        #expect(data.description == "user/${domain}@${domain}")
    }
}
