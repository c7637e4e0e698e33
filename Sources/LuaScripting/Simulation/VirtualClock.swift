import Foundation
import Synchronization
import SwitchCore

/// A clock whose `sleep` returns at once after moving its time to the deadline: a simulated call takes no
/// real time, yet every wait is accounted for.
public final class VirtualClock: Clock, Sendable {
    public struct Instant: InstantProtocol {
        public var offset: Duration

        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))
    /// Called once when a sleep passes ``limit``; the sleep then throws `CancellationError`.
    let onLimit = Mutex<(@Sendable () async -> Void)?>(nil)
    /// The longest a simulated call may last (virtual time) before the simulated caller hangs up.
    public let limit: Duration

    public init(limit: Duration = .seconds(3600)) {
        self.limit = limit
    }

    /// True once virtual time reached ``limit``.
    public var isPastLimit: Bool { elapsed >= limit }

    /// Fires the limit handler once, if the limit was reached; returns whether it was.
    func enforceLimit() async -> Bool {
        guard isPastLimit else { return false }
        let handler = onLimit.withLock { handler in
            defer { handler = nil }
            return handler
        }
        if let handler { await handler() }
        return true
    }

    public var now: Instant { current.withLock { $0 } }
    public var minimumResolution: Duration { .zero }
    /// Virtual time since the clock was made.
    public var elapsed: Duration { now.offset }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        advance(to: deadline)
        if await enforceLimit() { throw CancellationError() }
    }

    /// Moves time forward by `duration` (media that "plays" instantly).
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: max(duration, .zero)) }
    }

    private func advance(to deadline: Instant) {
        current.withLock { $0 = max($0, deadline) }
    }
}

/// Wall-clock time for a simulated session's CDR and events: a fixed start plus the virtual time.
struct VirtualWallClock: WallClock {
    let clock: VirtualClock
    let start = Date(timeIntervalSince1970: 1_767_225_600)   // 2026-01-01T00:00:00Z

    func now() -> Date {
        let (seconds, attoseconds) = clock.elapsed.components
        return start.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }
}

/// The lines a simulated call produces, in order.
final class Transcript: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// The caller's key presses: groups separated by spaces; each group is pressed at the start of the next wait
/// for input. A group `-` presses nothing (that wait times out); `!` hangs the call up.
final class DigitTimeline: Sendable {
    private let groups: Mutex<[String]>

    init(_ script: String) {
        groups = Mutex(script.split(separator: " ").map { $0 == "-" ? "" : String($0) })
    }

    /// The next group, or nil when the caller has nothing more to press.
    func next() -> String? {
        groups.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    var isExhausted: Bool { groups.withLock { $0.isEmpty } }
}
