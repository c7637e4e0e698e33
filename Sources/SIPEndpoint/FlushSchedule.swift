/// When the write-behind of bindings is due (sans-IO: time is an input): every `interval` while something changed,
/// or at once when `maxPending` AORs wait, whichever comes first.
public struct FlushSchedule: Sendable {
    public var interval: Duration
    public var maxPending: Int
    private var lastFlush: ContinuousClock.Instant?

    public init(interval: Duration = .milliseconds(100), maxPending: Int = 2_000) {
        self.interval = interval
        self.maxPending = maxPending
    }

    /// Whether to flush `pending` changed AORs at `now`. Before the first flush anything pending is due.
    public func isDue(pending: Int, now: ContinuousClock.Instant) -> Bool {
        guard pending > 0 else { return false }
        guard let lastFlush else { return true }
        return pending >= maxPending || now - lastFlush >= interval
    }

    /// Records a flush at `now`: the next interval starts there.
    public mutating func flushed(at now: ContinuousClock.Instant) {
        lastFlush = now
    }
}
