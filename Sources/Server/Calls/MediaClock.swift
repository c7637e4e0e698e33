import NIOCore
import Synchronization

/// The 20 ms media clock of one event loop (DESIGN.md "Media clock"): every playback on legs of that loop is
/// stepped in one batch per tick, scheduled against a monotonic start (tick n at start + n·20 ms), so there is no
/// drift and no per-call timer. A source is a closure run on the loop; it returns false when it is finished.
/// The clock stops when it has no sources and restarts with the next one.
final class MediaClock: Sendable {
    typealias Source = @Sendable () -> Bool

    private struct State {
        var sources: [UInt64: Source] = [:]
        var nextID: UInt64 = 0
        var running = false
        var start = NIODeadline.now()
        var tick: Int64 = 0
    }

    static let interval = TimeAmount.milliseconds(20)
    private let loop: EventLoop
    private let state = Mutex(State())

    init(loop: EventLoop) { self.loop = loop }

    private static let clocks = Mutex<[ObjectIdentifier: MediaClock]>([:])

    /// The clock of `loop` (one per event loop, made on first use).
    static func of(_ loop: EventLoop) -> MediaClock {
        clocks.withLock { clocks in
            let key = ObjectIdentifier(loop)
            if let clock = clocks[key] { return clock }
            let clock = MediaClock(loop: loop)
            clocks[key] = clock
            return clock
        }
    }

    /// Adds a source; it is first called at the next tick.
    func add(_ source: @escaping Source) {
        let start = state.withLock { s -> Bool in
            s.nextID += 1
            s.sources[s.nextID] = source
            guard !s.running else { return false }
            s.running = true
            s.start = loop.now
            s.tick = 0
            return true
        }
        if start { scheduleNext() }
    }

    /// Number of sources being stepped (for tests and metrics).
    var activeSources: Int { state.withLock { $0.sources.count } }

    private func scheduleNext() {
        let deadline = state.withLock { s -> NIODeadline in
            s.tick += 1
            return s.start + MediaClock.interval * s.tick
        }
        loop.scheduleTask(deadline: deadline) { self.fire() }
    }

    /// One tick: steps every source (no lock held while they run), drops the finished ones, schedules the next.
    private func fire() {
        let sources = state.withLock { $0.sources }
        var finished: [UInt64] = []
        for (id, source) in sources where !source() {
            finished.append(id)
        }
        let more = state.withLock { s -> Bool in
            for id in finished { s.sources[id] = nil }
            if s.sources.isEmpty { s.running = false }
            return s.running
        }
        if more { scheduleNext() }
    }
}
