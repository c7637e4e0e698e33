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

    /// Whether to flush `pending` changed AORs at `now`. The first call starts the interval.
    public mutating func isDue(pending: Int, now: ContinuousClock.Instant) -> Bool {
        guard let lastFlush else {
            lastFlush = now
            return pending >= maxPending
        }
        return pending > 0 && (pending >= maxPending || now - lastFlush >= interval)
    }

    /// Records a flush at `now`: the next interval starts there.
    public mutating func flushed(at now: ContinuousClock.Instant) {
        lastFlush = now
    }
}
