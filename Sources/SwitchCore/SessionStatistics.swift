import Foundation

/// Counters behind the `status` command: sessions since start-up, concurrent peak, creations per second.
/// A value fed with the time of each event, so it has no clock of its own.
///
/// The five-minute figures come from one bucket per second of the window (a ring of 300), so recording a
/// creation costs the same at 1 or 1,000 calls per second. (It used to keep every creation of the window and
/// filter them on each call: at 1,000 calls/s, 300,000 entries scanned per new session.) As in FreeSWITCH, the
/// per-second rate counts the sessions created in the current second.
public struct SessionStatistics: Sendable, Equatable {
    public private(set) var sessionsSinceStartup = 0
    public private(set) var peak = 0
    public private(set) var peakPerSecond = 0
    private var buckets: [Bucket] = Array(repeating: Bucket(), count: Self.windowSeconds)

    /// One second of the window: its creations and the highest concurrent count reached in it.
    private struct Bucket: Sendable, Equatable {
        var second: Int64 = .min
        var creations = 0
        var peakConcurrent = 0
    }

    static let windowSeconds = 300

    public init() {}

    /// A session was created at `now`, making `current` sessions.
    public mutating func recordCreation(at now: Date, current: Int) {
        sessionsSinceStartup += 1
        peak = max(peak, current)
        let second = Self.second(of: now)
        let index = Self.index(of: second)
        if buckets[index].second != second { buckets[index] = Bucket(second: second) }
        buckets[index].creations += 1
        buckets[index].peakConcurrent = max(buckets[index].peakConcurrent, current)
        peakPerSecond = max(peakPerSecond, buckets[index].creations)
    }

    /// Highest concurrent count seen in the five minutes before `now`.
    public func peakLastFiveMinutes(at now: Date) -> Int {
        inWindow(at: now).map(\.peakConcurrent).max() ?? 0
    }

    /// Sessions created in the current second.
    public func perSecond(at now: Date) -> Int {
        let second = Self.second(of: now)
        let bucket = buckets[Self.index(of: second)]
        return bucket.second == second ? bucket.creations : 0
    }

    public func peakPerSecondLastFiveMinutes(at now: Date) -> Int {
        inWindow(at: now).map(\.creations).max() ?? 0
    }

    private func inWindow(at now: Date) -> [Bucket] {
        let second = Self.second(of: now)
        return buckets.filter { $0.second <= second && $0.second > second - Int64(Self.windowSeconds) }
    }

    private static func second(of date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    private static func index(of second: Int64) -> Int {
        Int(((second % Int64(windowSeconds)) + Int64(windowSeconds)) % Int64(windowSeconds))
    }
}
