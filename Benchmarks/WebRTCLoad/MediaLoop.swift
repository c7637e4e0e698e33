import DTLS
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the signalling (main) thread and the media thread share: calls to start, published statistics, stop.
final class MediaBoard: Sendable {
    private let inbox = Mutex<[CallPlan]>([])
    private let published = Mutex<(statistics: [ReceiveStatistics], up: Int, failures: [String])>(([], 0, []))
    private let stopping = Mutex(false)

    func add(_ plan: CallPlan) { inbox.withLock { $0.append(plan) } }
    func takeNew() -> [CallPlan] { inbox.withLock { plans in defer { plans.removeAll() }; return plans } }
    func stop() { stopping.withLock { $0 = true } }
    var isStopping: Bool { stopping.withLock { $0 } }

    func publish(_ statistics: [ReceiveStatistics], up: Int, failures: [String]) {
        published.withLock { $0 = (statistics, up, failures) }
    }

    /// Statistics by call index, how many calls have SRTP keys, and the calls that failed (with why).
    var snapshot: (statistics: [ReceiveStatistics], up: Int, failures: [String]) { published.withLock { $0 } }
}

/// The media thread: one readiness set (epoll on Linux) over every call's socket, woken at least every millisecond to send what is
/// due, publishing statistics every 50 ms.
struct MediaLoop {
    let board: MediaBoard
    let context: DTLSContext
    /// The tone for each of ``CallPlan/playbackRates``.
    let payloads: [Int: [[UInt8]]]

    func run() {
        var calls: [LoadCall] = []
        var sockets = ReadySockets()
        var failures: [String] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        var nextPublish = 0.0
        while !board.isStopping {
            for plan in board.takeNew() {
                guard let call = admit(plan, failures: &failures) else { continue }
                sockets.add(plan.endpoint.fd, token: calls.count)
                calls.append(call)
            }
            let ready = sockets.wait(milliseconds: 1)
            let now = monotonicSeconds(), instant = ContinuousClock.now
            for index in ready {
                let call = calls[index]
                while let (count, source) = call.plan.endpoint.receive(into: &buffer) {
                    call.receive(Array(buffer[0..<count]), from: source, now: now, instant: instant)
                }
            }
            for call in calls { call.tick(now: now, instant: instant, payloads: payloads[call.plan.maxPlaybackRate] ?? []) }
            if now >= nextPublish {
                publish(calls, failures: failures)
                nextPublish = now + 0.05
            }
        }
        publish(calls, failures: failures)
        for call in calls { call.plan.endpoint.close() }
    }

    private func admit(_ plan: CallPlan, failures: inout [String]) -> LoadCall? {
        do {
            return try LoadCall(plan, context: context, now: monotonicSeconds())
        } catch {
            failures.append("call \(plan.index): \(error)")
            plan.endpoint.close()
            return nil
        }
    }

    private func publish(_ calls: [LoadCall], failures: [String]) {
        var statistics = [ReceiveStatistics](repeating: ReceiveStatistics(), count: (calls.map(\.plan.index).max() ?? -1) + 1)
        for call in calls { statistics[call.plan.index] = call.statistics }
        let failed = failures + calls.compactMap { call in call.failure.map { "call \(call.plan.index): \($0)" } }
        board.publish(statistics, up: calls.count { $0.isUp }, failures: failed)
    }
}
