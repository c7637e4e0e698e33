import SIPMessage

/// The non-INVITE client transaction of RFC 3261 §17.1.2.
///
/// Transitions (RFC 3261 Figure 6):
///
/// | State            | Input            | Output                              | Next       |
/// |------------------|------------------|-------------------------------------|------------|
/// | Trying           | Timer E          | request resent, E = min(2E, T2)     | Trying     |
/// | Trying/Proceeding | Timer F or transport error | inform TU                 | Terminated |
/// | Trying/Proceeding | 1xx             | 1xx to TU                           | Proceeding |
/// | Proceeding       | Timer E          | request resent, E = T2              | Proceeding |
/// | Trying/Proceeding | 200-699         | resp. to TU, start K                | Completed  |
/// | Completed        | any response     | – (absorbed)                        | Completed  |
/// | Completed        | Timer K          | –                                   | Terminated |
///
/// Timer E runs only on unreliable transports; Timer K is T4 there and zero (immediate Terminated) on
/// reliable ones (§17.1.2.2).
public struct SIPNonInviteClientTransaction: Sendable {
    public enum State: Hashable, Sendable {
        case trying, proceeding, completed, terminated
    }

    public let id: SIPClientTransactionID
    public let request: SIPRequest
    public let peer: SIPPeer
    public private(set) var state: State = .trying
    private let timers: SIPTimerConfiguration
    private var timerEInterval: Duration

    public init(id: SIPClientTransactionID, request: SIPRequest, peer: SIPPeer, timers: SIPTimerConfiguration) {
        self.id = id
        self.request = request
        self.peer = peer
        self.timers = timers
        self.timerEInterval = timers.t1
    }

    private var reliable: Bool { peer.transport.isReliable }
    private func timer(_ name: SIPTimerName) -> SIPTimerID { SIPTimerID(.client(id), name) }

    /// Sends the request and starts Timers E (unreliable only) and F (§17.1.2.2).
    public mutating func start(now: SIPInstant) -> [SIPTransactionAction] {
        var actions: [SIPTransactionAction] = [.transmit(.request(request), to: peer)]
        if !reliable { actions.append(.startTimer(timer(.e), at: now + timerEInterval)) }
        actions.append(.startTimer(timer(.f), at: now + timers.transactionTimeout))
        return actions
    }

    private var stopRetransmitting: [SIPTransactionAction] {
        (reliable ? [] : [.cancelTimer(timer(.e))]) + [.cancelTimer(timer(.f))]
    }

    public mutating func receivedResponse(_ response: SIPResponse, now: SIPInstant) -> [SIPTransactionAction] {
        switch state {
        case .trying, .proceeding:
            if response.isProvisional {
                state = .proceeding
                return [.deliverResponse(response, id)]
            }
            let actions = stopRetransmitting + [.deliverResponse(response, id)]
            let k = timers.timerIK(reliable: reliable)
            if k == .zero {
                state = .terminated
                return actions + [.terminated(.client(id))]
            }
            state = .completed
            return actions + [.startTimer(timer(.k), at: now + k)]
        case .completed, .terminated:
            return []
        }
    }

    public mutating func timerFired(_ name: SIPTimerName, now: SIPInstant) -> [SIPTransactionAction] {
        switch (state, name) {
        case (.trying, .e):
            timerEInterval = timers.doubledCapped(timerEInterval)
            return [.transmit(.request(request), to: peer), .startTimer(timer(.e), at: now + timerEInterval)]
        case (.proceeding, .e):
            // §17.1.2.2: in Proceeding the request is retransmitted every T2.
            timerEInterval = timers.t2
            return [.transmit(.request(request), to: peer), .startTimer(timer(.e), at: now + timerEInterval)]
        case (.trying, .f), (.proceeding, .f):
            state = .terminated
            return (reliable ? [] : [.cancelTimer(timer(.e))]) + [.clientTimedOut(id), .terminated(.client(id))]
        case (.completed, .k):
            state = .terminated
            return [.terminated(.client(id))]
        case (.trying, _), (.proceeding, _), (.completed, _), (.terminated, _):
            return []
        }
    }

    /// The transport reported a failure (RFC 3261 §17.1.4).
    public mutating func transportFailed() -> [SIPTransactionAction] {
        switch state {
        case .trying, .proceeding:
            let actions = stopRetransmitting
            state = .terminated
            return actions + [.transportError(.client(id)), .terminated(.client(id))]
        case .completed:
            state = .terminated
            return [.cancelTimer(timer(.k)), .terminated(.client(id))]
        case .terminated:
            return []
        }
    }
}
