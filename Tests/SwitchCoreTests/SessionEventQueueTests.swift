import Testing
@testable import SwitchCore

@Suite struct SessionEventQueueTests {
    private func custom(_ subclass: String) -> SwitchEvent { SwitchEvent(.custom(subclass: subclass)) }

    @Test func eventsComeOutInOrderAndFlushCountsThem() {
        let queue = SessionEventQueue()
        #expect(queue.pop() == nil)
        queue.append(custom("a"))
        queue.append(custom("b"))
        queue.append(custom("c"))
        #expect(queue.pop()?["Event-Subclass"] == "a")
        #expect(queue.removeAll() == 2)
        #expect(queue.count == 0)
        #expect(queue.pop() == nil)
    }

    @Test func aWaiterWakesOnAppendOrOnCancellation() async {
        let queue = SessionEventQueue()
        let waiter = Task { await queue.waitForEvent(); return queue.pop()?["Event-Subclass"] }
        queue.append(custom("late"))
        #expect(await waiter.value == "late")

        let cancelled = Task { await queue.waitForEvent(); return queue.count }
        cancelled.cancel()
        #expect(await cancelled.value == 0, "a cancelled wait returns with nothing queued")
    }

    @Test func theRegistryQueuesToALiveLegOnly() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession(uuid: "leg-q")
        #expect(await fixture.registry.queueEvent(custom("x"), to: "leg-q"))
        #expect(await !fixture.registry.queueEvent(custom("y"), to: "nobody"))
        #expect(session.queuedEvents.count == 1)
        #expect(session.eventQueue === session.queuedEvents)
    }

    @Test func queuedEventsComeBeforeTheOperationsDigits() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession(media: PlainMediaPort(digits: "7", blockPlayback: true))
        session.queuedEvents.append(custom("first"))
        let media = try await session.startInteractive(.play("ivr/welcome.wav"))
        #expect(try await media.nextEvent() == .event(custom("first")))
        #expect(try await media.nextEvent() == .dtmf("7", duration: 640))
        await media.apply(.stop)
        #expect(try await media.nextEvent() == .ended)
        #expect(await media.outcome().stopped)
    }

    @Test func anEventQueuedDuringAWaitIsReportedAtOnceAndTheOperationGoesOn() async throws {
        let fixture = SessionFixture()
        let port = PlainMediaPort(digits: "", blockPlayback: true)
        let session = await fixture.makeSession(media: port)
        let media = try await session.startInteractive(.play("music/hold_loop.wav"))
        let next = Task { try await media.nextEvent() }
        session.queuedEvents.append(custom("during"))
        #expect(try await next.value == .event(custom("during")))
        await media.apply(.stop)
        #expect(try await media.nextEvent() == .ended, "the wait that the event overtook still ends the operation")
        #expect(port.sources == ["music/hold_loop.wav"])
    }

    @Test func cancellingTheReaderEndsTheOperation() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession(media: PlainMediaPort(digits: "", blockPlayback: true))
        let media = try await session.startInteractive(.play("music/hold_loop.wav"))
        let next = Task { try await media.nextEvent() }
        next.cancel()
        await #expect(throws: CancellationError.self) { try await next.value }
    }
}
