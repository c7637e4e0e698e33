import Synchronization

/// Events queued to one leg (FreeSWITCH `switch_core_session_queue_event`): an application on the leg reads
/// them, e.g. a mod_lua input callback with input type `"event"` while media plays. `flushEvents` discards them.
public final class SessionEventQueue: Sendable {
    private struct State {
        var events: [SwitchEvent] = []
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Queues `event` and wakes whoever waits for one.
    public func append(_ event: SwitchEvent) {
        let waiters = state.withLock { state in
            state.events.append(event)
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The oldest queued event, removed; nil when none is queued.
    public func pop() -> SwitchEvent? {
        state.withLock { $0.events.isEmpty ? nil : $0.events.removeFirst() }
    }

    /// Discards every queued event and returns how many there were.
    @discardableResult
    public func removeAll() -> Int {
        state.withLock { state in
            defer { state.events.removeAll() }
            return state.events.count
        }
    }

    public var count: Int { state.withLock { $0.events.count } }

    /// Returns once an event is queued (at once if one is), or once the calling task is cancelled.
    public func waitForEvent() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state in
                    if !state.events.isEmpty || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
