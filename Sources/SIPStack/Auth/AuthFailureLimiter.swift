/// Counts failed authentications per source address and blocks a source that fails too often (brute-force
/// and credential-stuffing protection in front of `DigestVerifier`). Sans-IO: `now` is an input.
///
/// - A sliding window: a source is blocked when it reaches `maxFailures` failures within the last `window`
///   seconds. The block lasts `blockDuration` seconds; failures while blocked are not counted and do not
///   extend it. After the block the source starts from zero.
/// - Successes do not clear a source's failures: an attacker holding one valid account must not be able to
///   reset the count while guessing others from the same address.
/// - Other sources are unaffected.
/// - Memory is bounded: each source keeps at most `maxFailures` timestamps; entries with nothing left to
///   remember are pruned (at most once per `window`, and whenever the table is full); at
///   `maxTrackedSources` the least-suspicious entries are evicted first (fewest failures, oldest last failure),
///   blocked ones last, so a flood of new (spoofed) sources cannot cheaply flush an active block.
///
/// Pass the address without the port: a port changes with every connection.
public struct AuthFailureLimiter: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var maxFailures: Int
        public var window: Int64
        public var blockDuration: Int64
        public var maxTrackedSources: Int

        public init(maxFailures: Int = 20, window: Int64 = 60, blockDuration: Int64 = 60, maxTrackedSources: Int = 10_000) {
            self.maxFailures = max(1, maxFailures)
            self.window = window
            self.blockDuration = blockDuration
            self.maxTrackedSources = max(1, maxTrackedSources)
        }
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        case blocked(until: UnixTime)
    }

    private struct Entry: Sendable {
        /// Failure times within the window, oldest first; never more than `maxFailures`.
        var failures: [Int64] = []
        var blockedUntil: Int64?
    }

    public let configuration: Configuration
    private var entries: [String: Entry] = [:]
    private var lastPrune: Int64 = .min

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Number of sources currently remembered.
    public var trackedSourceCount: Int { entries.count }

    /// Whether requests from `source` should be refused at `now` (check before verifying credentials).
    public func decision(for source: String, now: UnixTime) -> Decision {
        if let until = entries[source]?.blockedUntil, until > now.seconds { return .blocked(until: UnixTime(seconds: until)) }
        return .allowed
    }

    /// Records a failed authentication from `source` at `now`; returns the decision that now applies to it.
    @discardableResult
    public mutating func recordFailure(from source: String, now: UnixTime) -> Decision {
        let t = now.seconds
        if t.subtractingReportingOverflow(lastPrune).partialValue >= configuration.window || lastPrune == .min {
            prune(now: now)
        }
        if entries[source] == nil && entries.count >= configuration.maxTrackedSources {
            prune(now: now)
            if entries.count >= configuration.maxTrackedSources { evict() }
        }
        var entry = entries[source] ?? Entry()
        if let until = entry.blockedUntil {
            if until > t { return .blocked(until: UnixTime(seconds: until)) }
            entry.blockedUntil = nil
        }
        let windowStart = t - configuration.window
        entry.failures.removeAll { $0 <= windowStart }
        entry.failures.append(t)
        var decision = Decision.allowed
        if entry.failures.count >= configuration.maxFailures {
            let until = (now + configuration.blockDuration).seconds
            entry.blockedUntil = until
            entry.failures.removeAll()
            decision = .blocked(until: UnixTime(seconds: until))
        }
        entries[source] = entry
        return decision
    }

    /// Forgets `source` (an operator unblocking an address).
    public mutating func reset(_ source: String) {
        entries[source] = nil
    }

    /// Drops every entry that is neither blocked nor holding a failure within the window.
    public mutating func prune(now: UnixTime) {
        lastPrune = now.seconds
        let windowStart = now.seconds - configuration.window
        entries = entries.filter { _, entry in
            if let until = entry.blockedUntil, until > now.seconds { return true }
            return entry.failures.contains { $0 > windowStart }
        }
    }

    /// Evicts down to 90 % of the cap, least suspicious first (see the type's documentation).
    private mutating func evict() {
        let target = configuration.maxTrackedSources * 9 / 10
        let excess = entries.count - target
        guard excess > 0 else { return }
        let order = entries.sorted { a, b in
            let aBlocked = a.value.blockedUntil != nil
            let bBlocked = b.value.blockedUntil != nil
            if aBlocked != bBlocked { return !aBlocked }
            if aBlocked { return a.value.blockedUntil! < b.value.blockedUntil! }
            if a.value.failures.count != b.value.failures.count { return a.value.failures.count < b.value.failures.count }
            return (a.value.failures.last ?? .min) < (b.value.failures.last ?? .min)
        }
        for (source, _) in order.prefix(excess) { entries[source] = nil }
    }
}
