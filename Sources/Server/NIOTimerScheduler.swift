import NIOCore
import NIOPosix
import SIPEndpoint
import SIPStack
import Synchronization

/// Runs the transaction layer's timers on NIO event loops. `now` is NIO's monotonic uptime clock, the
/// same clock the deadlines are scheduled against.
final class NIOTimerScheduler: SIPTimerScheduler {
    private let group: EventLoopGroup
    private let scheduled = Mutex<[SIPTimerID: Scheduled<Void>]>([:])

    init(group: EventLoopGroup) {
        self.group = group
    }

    var now: SIPInstant { SIPInstant(nanoseconds: Int64(NIODeadline.now().uptimeNanoseconds)) }

    func schedule(_ id: SIPTimerID, at deadline: SIPInstant, _ fire: @escaping @Sendable () -> Void) {
        // The loop we are on (a timer set while handling a datagram): no hop to another thread.
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        let task = loop.scheduleTask(deadline: .uptimeNanoseconds(UInt64(max(0, deadline.nanoseconds)))) { [weak self] in
            _ = self?.scheduled.withLock { $0.removeValue(forKey: id) }
            fire()
        }
        let previous = scheduled.withLock { $0.updateValue(task, forKey: id) }
        previous?.cancel()
    }

    func cancel(_ id: SIPTimerID) {
        let task = scheduled.withLock { $0.removeValue(forKey: id) }
        task?.cancel()
    }

    var pendingCount: Int { scheduled.withLock { $0.count } }
}
