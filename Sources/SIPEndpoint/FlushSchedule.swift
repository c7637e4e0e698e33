/// When the write-behind of bindings is due (sans-IO: time is an input): every `interval` while something changed,
/// or at once when `maxPending` AORs wait, whichever comes first. After a quiet period the first change is due at
/// once. The default interval (10 ms) keeps another process's view of the bindings (`switchboard user list`) at most
/// about 20 ms behind (interval plus `DirectorySync.tickInterval`) while batching ~80 AORs per transaction at
/// 8,000 REGISTERs/s; raise it (≤ 100 ms) to batch more under heavier load.
public struct FlushSchedule: Sendable {
    public var interval: Duration
    public var maxPending: Int
    private var lastFlush: ContinuousClock.Instant?

    public init(interval: Duration = .milliseconds(10), maxPending: Int = 1_000) {
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
