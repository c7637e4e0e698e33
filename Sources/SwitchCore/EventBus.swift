import Synchronization

/// Fans events out to subscribers, each reading an `AsyncStream` with its own bounded buffer.
///
/// Publishing never blocks and never waits for a subscriber: the subscriber list is copied under the lock,
/// the lock is released, and only then is each stream fed (`AsyncStream.Continuation.yield` does not suspend).
/// When a subscriber's buffer is full, one event is dropped according to its `OverflowPolicy`, and the drop is
/// counted on the subscription and on the bus. A slow event-socket client thus loses events, never stalls calls.
public final class EventBus: Sendable {
    public enum OverflowPolicy: Sendable, Hashable {
        /// Keep the newest events; the oldest buffered one is dropped (`bufferingNewest`). The default: a
        /// client that catches up sees the present, not the past.
        case dropOldest
        /// Keep what is buffered; the event being published is dropped for this subscriber (`bufferingOldest`).
        case dropNewest
    }

    private struct Subscriber: Sendable {
        let filter: EventFilter
        let continuation: AsyncStream<SwitchEvent>.Continuation
        let drops: DropCounter
    }

    private struct State {
        var nextID: UInt64 = 1
        var subscribers: [UInt64: Subscriber] = [:]
    }

    private let state = Mutex(State())
    private let totalDrops = DropCounter()

    public init() {}

    /// Subscribes to events matching `filter`. The stream ends when `cancel()` is called on the subscription,
    /// when its consumer stops iterating, or never otherwise. `bufferSize` must be at least 1.
    public func subscribe(
        _ filter: EventFilter = .everything, bufferSize: Int = 1000, policy: OverflowPolicy = .dropOldest
    ) -> EventSubscription {
        precondition(bufferSize >= 1, "an event buffer holds at least one event")
        let buffering: AsyncStream<SwitchEvent>.Continuation.BufferingPolicy =
            switch policy {
            case .dropOldest: .bufferingNewest(bufferSize)
            case .dropNewest: .bufferingOldest(bufferSize)
            }
        let (stream, continuation) = AsyncStream.makeStream(of: SwitchEvent.self, bufferingPolicy: buffering)
        let drops = DropCounter()
        let id = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = Subscriber(filter: filter, continuation: continuation, drops: drops)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.remove(id)
        }
        return EventSubscription(id: id, events: stream, drops: drops, continuation: continuation)
    }

    /// Delivers `event` to every matching subscriber without blocking.
    public func publish(_ event: SwitchEvent) {
        let targets = state.withLock { Array($0.subscribers.values) }
        for target in targets where target.filter.matches(event) {
            switch target.continuation.yield(event) {
            case .dropped:
                target.drops.increment()
                totalDrops.increment()
            case .enqueued, .terminated:
                break
            @unknown default:
                break
            }
        }
    }

    /// Whether any subscriber would receive an event called `name`: when none would, the publisher can skip
    /// building it (a channel event with its headers costs more than the rest of a state change).
    /// `presence`: whether the event would carry `Channel-Presence-ID` (subscribers with `presenceOnly` want
    /// only those).
    public func wants(_ name: EventName, presence: Bool = true) -> Bool {
        state.withLock { $0.subscribers.values.contains { $0.filter.matches(name, presence: presence) } }
    }

    public var subscriberCount: Int {
        state.withLock { $0.subscribers.count }
    }

    /// Events dropped across all subscribers since the bus was created.
    public var droppedCount: Int { totalDrops.value }

    private func remove(_ id: UInt64) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: id) }
    }
}

/// A thread-safe counter of dropped events.
final class DropCounter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() {
        count.add(1, ordering: .relaxed)
    }

    var value: Int { count.load(ordering: .relaxed) }
}
