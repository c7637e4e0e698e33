import NIOCore
import NIOPosix
import SIPEndpoint
import SIPStack
import Synchronization

/// Runs the transaction layer's timers on NIO event loops. `now` is NIO's monotonic uptime clock, the
/// same clock the deadlines are scheduled against.
///
/// Timers due within a second (retransmissions: T1 = 500 ms) each get their own NIO task, on the loop they were
/// set from. Later ones (Timer J, K, D: 5–32 s, one per transaction at thousands per second) share one NIO task per
/// 100 ms slot and fire at the slot's end, at most 100 ms late — what RFC 3261 needs of them — so that a busy
/// registrar does not keep a quarter of a million scheduled tasks in NIO's heap.
final class NIOTimerScheduler: SIPTimerScheduler {
    private struct Entry {
        var fire: @Sendable () -> Void
        /// The slot it waits in, or nil with `task` for a timer of its own.
        var slot: Int64?
        var task: Scheduled<Void>?
    }

    private struct State {
        var entries: [SIPTimerID: Entry] = [:]
        /// Timers per slot (deadline rounded up to `slotLength`), with the slot's one NIO task scheduled.
        var slots: [Int64: [SIPTimerID]] = [:]
    }

    static let slotLength: Int64 = 100_000_000
    static let ownTaskHorizon: Int64 = 1_000_000_000

    private let group: EventLoopGroup
    private let state = Mutex(State())

    init(group: EventLoopGroup) {
        self.group = group
    }

    var now: SIPInstant { SIPInstant(nanoseconds: Int64(NIODeadline.now().uptimeNanoseconds)) }

    func schedule(_ id: SIPTimerID, at deadline: SIPInstant, _ fire: @escaping @Sendable () -> Void) {
        // The loop we are on (a timer set while handling a datagram): no hop to another thread.
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        let at = max(0, deadline.nanoseconds)
        guard at - now.nanoseconds >= Self.ownTaskHorizon else {
            let task = loop.scheduleTask(deadline: .uptimeNanoseconds(UInt64(at))) { [weak self] () -> Void in
                self?.fireOwn(id)
            }
            let previous = state.withLock { $0.entries.updateValue(Entry(fire: fire, task: task), forKey: id) }
            previous?.task?.cancel()
            return
        }
        let slot = (at + Self.slotLength - 1) / Self.slotLength
        let (previous, newSlot) = state.withLock { s -> (Entry?, Bool) in
            let previous = s.entries.updateValue(Entry(fire: fire, slot: slot), forKey: id)
            let newSlot = s.slots[slot] == nil
            s.slots[slot, default: []].append(id)
            return (previous, newSlot)
        }
        previous?.task?.cancel()
        if newSlot {
            _ = loop.scheduleTask(deadline: .uptimeNanoseconds(UInt64(slot * Self.slotLength))) { [weak self] () -> Void in
                self?.fireSlot(slot)
            }
        }
    }

    func cancel(_ id: SIPTimerID) {
        let entry = state.withLock { $0.entries.removeValue(forKey: id) }
        entry?.task?.cancel()
    }

    private func fireOwn(_ id: SIPTimerID) {
        let entry = state.withLock { s -> Entry? in
            guard let entry = s.entries[id], entry.slot == nil else { return nil }
            s.entries[id] = nil
            return entry
        }
        entry?.fire()
    }

    /// Fires the slot's timers that were neither cancelled nor moved since, in the order they were set.
    private func fireSlot(_ slot: Int64) {
        let due = state.withLock { s -> [@Sendable () -> Void] in
            guard let ids = s.slots.removeValue(forKey: slot) else { return [] }
            var due: [@Sendable () -> Void] = []
            due.reserveCapacity(ids.count)
            for id in ids {
                guard let entry = s.entries[id], entry.slot == slot else { continue }
                s.entries[id] = nil
                due.append(entry.fire)
            }
            return due
        }
        for fire in due { fire() }
    }

    var pendingCount: Int { state.withLock { $0.entries.count } }
}
