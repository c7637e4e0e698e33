/// A subscriber's end of the `EventBus`: the stream of events and the number it lost to a full buffer.
public struct EventSubscription: Sendable {
    public let id: UInt64
    public let events: AsyncStream<SwitchEvent>
    private let drops: DropCounter
    private let continuation: AsyncStream<SwitchEvent>.Continuation

    init(id: UInt64, events: AsyncStream<SwitchEvent>, drops: DropCounter,
         continuation: AsyncStream<SwitchEvent>.Continuation) {
        self.id = id
        self.events = events
        self.drops = drops
        self.continuation = continuation
    }

    /// Events this subscriber did not receive because its buffer was full.
    public var droppedCount: Int { drops.value }

    /// Ends the stream and unsubscribes. Buffered events can still be read.
    public func cancel() {
        continuation.finish()
    }
}
