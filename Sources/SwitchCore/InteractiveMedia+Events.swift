import Synchronization

/// An interactive operation that also reports the leg's queued events (`MediaInputEvent.event`), as
/// FreeSWITCH's play/record/sleep loops hand queued events to the input callback. Queued events come before
/// the operation's own input; an event queued while the operation waits is reported at once, and the wait
/// for the operation's next input carries on underneath.
final class EventQueueInteractiveMedia: InteractiveMedia {
    private let base: any InteractiveMedia
    private let queue: SessionEventQueue
    /// The base's `nextEvent()` in flight, when an event overtook it.
    private let pending = Mutex<Task<MediaInputEvent, any Error>?>(nil)

    init(base: any InteractiveMedia, queue: SessionEventQueue) {
        self.base = base
        self.queue = queue
    }

    func nextEvent() async throws -> MediaInputEvent {
        if let event = queue.pop() { return .event(event) }
        let base = base
        let input = pending.withLock { pending in
            if let task = pending { return task }
            let task = Task { try await base.nextEvent() }
            pending = task
            return task
        }
        let signal = OneShotSignal()
        let watchers = [
            Task { _ = await input.result; signal.fire() },
            Task { [queue] in await queue.waitForEvent(); signal.fire() },
        ]
        await withTaskCancellationHandler {
            await signal.wait()
        } onCancel: {
            input.cancel()   // cancelling the caller ends the operation (InteractiveMedia contract)
            signal.fire()
        }
        for watcher in watchers { watcher.cancel() }
        if !Task.isCancelled, let event = queue.pop() { return .event(event) }
        pending.withLock { $0 = nil }
        return try await input.value
    }

    func apply(_ control: MediaControl) async { await base.apply(control) }
    func outcome() async -> InteractiveOutcome { await base.outcome() }
}

/// Resumes one waiter once `fire()` was called (before or after the wait began).
final class OneShotSignal: Sendable {
    private struct State {
        var fired = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func fire() {
        let waiter = state.withLock { state in
            state.fired = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let fired = state.withLock { state in
                if !state.fired { state.waiter = continuation }
                return state.fired
            }
            if fired { continuation.resume() }
        }
    }
}
