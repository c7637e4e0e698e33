import NIOPosix
import SIPStack
import Synchronization
import Testing

@testable import Server

/// The transaction timers on real event loops: short timers fire on time, long ones (Timer J and the like) share
/// 100 ms slots and fire at most a slot late; cancelled and replaced timers never fire.
@Suite("NIO timer scheduler")
struct NIOTimerSchedulerTests {
    private func id(_ n: UInt64, _ name: SIPTimerName = .j) -> SIPTimerID {
        SIPTimerID(.server(SIPServerTransactionID(rawValue: n)), name)
    }

    @Test func shortAndSlottedTimersFireNotBeforeTheirDeadlineCancelledAndReplacedOnesNever() async throws {
        let scheduler = NIOTimerScheduler(group: MultiThreadedEventLoopGroup.singleton)
        let fired = Mutex<[(name: String, at: SIPInstant)]>([])
        let start = scheduler.now
        func record(_ name: String) -> @Sendable () -> Void {
            { fired.withLock { $0.append((name, scheduler.now)) } }
        }
        scheduler.schedule(id(1, .e), at: start + .milliseconds(50), record("short"))
        scheduler.schedule(id(2), at: start + .milliseconds(1_050), record("long"))
        scheduler.schedule(id(3), at: start + .milliseconds(1_050), record("cancelled"))
        scheduler.schedule(id(4), at: start + .milliseconds(1_050), record("replaced-early"))
        scheduler.schedule(id(4), at: start + .milliseconds(1_250), record("replaced-late"))
        scheduler.cancel(id(3))
        #expect(scheduler.pendingCount == 3)
        // Time only bounds the wait (a loaded machine may run late); the order and deadlines are what is checked.
        for _ in 0..<200 where scheduler.pendingCount > 0 { try await Task.sleep(for: .milliseconds(50)) }
        let record = fired.withLock { $0 }
        #expect(record.map(\.name) == ["short", "long", "replaced-late"])
        let deadlines = ["short": 50, "long": 1_050, "replaced-late": 1_250]
        for (name, at) in record {
            #expect(at >= start + .milliseconds(deadlines[name] ?? 0), "\(name) fired early")
        }
        #expect(scheduler.pendingCount == 0)
    }
}
