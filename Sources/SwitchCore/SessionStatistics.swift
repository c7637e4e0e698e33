import Foundation

/// Counters behind the `status` command: sessions since start-up, concurrent peak, creations per second.
/// A value fed with the time of each event, so it has no clock of its own.
public struct SessionStatistics: Sendable, Equatable {
    public private(set) var sessionsSinceStartup = 0
    public private(set) var peak = 0
    public private(set) var peakPerSecond = 0
    private var concurrency: [Sample] = []
    private var creations: [Date] = []
    private var rates: [Sample] = []

    private struct Sample: Sendable, Equatable {
        let time: Date
        let value: Int
    }

    static let window: TimeInterval = 300

    public init() {}

    /// A session was created at `now`, making `current` sessions.
    public mutating func recordCreation(at now: Date, current: Int) {
        sessionsSinceStartup += 1
        peak = max(peak, current)
        prune(before: now)
        concurrency.append(Sample(time: now, value: current))
        creations.append(now)
        let rate = creations.filter { now.timeIntervalSince($0) < 1 }.count
        rates.append(Sample(time: now, value: rate))
        peakPerSecond = max(peakPerSecond, rate)
    }

    /// Highest concurrent count seen in the five minutes before `now`.
    public func peakLastFiveMinutes(at now: Date) -> Int {
        concurrency.filter { now.timeIntervalSince($0.time) <= Self.window }.map(\.value).max() ?? 0
    }

    /// Sessions created in the second before `now`.
    public func perSecond(at now: Date) -> Int {
        creations.filter { now.timeIntervalSince($0) < 1 && now >= $0 }.count
    }

    public func peakPerSecondLastFiveMinutes(at now: Date) -> Int {
        rates.filter { now.timeIntervalSince($0.time) <= Self.window }.map(\.value).max() ?? 0
    }

    private mutating func prune(before now: Date) {
        concurrency.removeAll { now.timeIntervalSince($0.time) > Self.window }
        rates.removeAll { now.timeIntervalSince($0.time) > Self.window }
        creations.removeAll { now.timeIntervalSince($0) >= 1 }
    }
}
