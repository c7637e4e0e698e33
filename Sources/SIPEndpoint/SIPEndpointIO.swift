import SIPMessage
import SIPStack

/// How the endpoint sends bytes: implemented by the NIO transport adapter (wired in `Server`).
public protocol SIPMessageSink: Sendable {
    func send(_ bytes: [UInt8], to peer: SIPPeer)
}

/// Timers for the transaction layer, run by an event loop (wired in `Server`). Engines never read the
/// clock themselves: `now` is passed in with every input.
public protocol SIPTimerScheduler: Sendable {
    var now: SIPInstant { get }
    func schedule(_ id: SIPTimerID, at deadline: SIPInstant, _ fire: @escaping @Sendable () -> Void)
    func cancel(_ id: SIPTimerID)
}
