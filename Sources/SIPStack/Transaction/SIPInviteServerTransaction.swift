import SIPMessage

/// The INVITE server transaction of RFC 3261 §17.2.1 with the Accepted state of RFC 6026 §7.1.
///
/// Transitions (RFC 6026 Figure 5, which replaces RFC 3261 Figure 7):
///
/// | State      | Input                 | Output                                  | Next       |
/// |------------|-----------------------|-----------------------------------------|------------|
/// | Proceeding | INVITE (retransmit)   | last provisional resent                 | Proceeding |
/// | Proceeding | 1xx from TU           | 1xx sent                                | Proceeding |
/// | Proceeding | 2xx from TU           | 2xx sent, start L                       | Accepted   |
/// | Proceeding | 300-699 from TU       | response sent, start G (unreliable), H  | Completed  |
/// | Completed  | INVITE                | final response resent                   | Completed  |
/// | Completed  | Timer G               | final response resent, G = min(2G, T2)  | Completed  |
/// | Completed  | Timer H               | inform TU                               | Terminated |
/// | Completed  | ACK                   | start I (zero on reliable)              | Confirmed  |
/// | Confirmed  | ACK, INVITE           | – (absorbed)                            | Confirmed  |
/// | Confirmed  | Timer I               | –                                       | Terminated |
/// | Accepted   | INVITE                | – (absorbed, never passed to the TU)    | Accepted   |
/// | Accepted   | 2xx from TU           | 2xx sent (TU retransmits it, §13.3.1.4) | Accepted   |
/// | Accepted   | ACK                   | ACK to TU                               | Accepted   |
/// | Accepted   | Timer L               | –                                       | Terminated |
///
/// The transaction itself never retransmits a 2xx (RFC 6026 §7.1); the dialog layer does.
public struct SIPInviteServerTransaction: Sendable {
    public enum State: Hashable, Sendable {
        case proceeding, completed, confirmed, accepted, terminated
    }

    public let id: SIPServerTransactionID
    /// The INVITE's To tag, for the RFC 2543 matching rule (§17.2.3). The INVITE itself (often with an SDP
    /// body) is not kept: the transaction outlives the TU's answer by Timer L or H (32 s on UDP).
    public let requestToTag: String?
    public let peer: SIPPeer
    public private(set) var state: State = .proceeding
    /// The most recent response sent: the one a retransmitted INVITE is answered with.
    public private(set) var lastResponse: SIPResponse?
    /// The To tag of the last response sent (an RFC 2543 ACK is matched by it, §17.2.3).
    public private(set) var lastResponseToTag: String?
    private let timers: SIPTimerConfiguration
    private let sendsTrying: Bool
    private var timerGInterval: Duration
    /// The 100 Trying `start(now:)` sends, built from the INVITE at creation.
    private let trying: SIPResponse?

    /// - Parameter sendsTrying: answer with 100 Trying at once (§17.2.1 requires one unless the TU answers
    ///   within 200 ms; sending it immediately always satisfies that).
    public init(
        id: SIPServerTransactionID, request: SIPRequest, peer: SIPPeer, timers: SIPTimerConfiguration,
        sendsTrying: Bool = true
    ) {
        self.id = id
        self.requestToTag = request.headers.to?.tag
        self.peer = peer
        self.timers = timers
        self.sendsTrying = sendsTrying
        self.timerGInterval = timers.t1
        if sendsTrying {
            var trying = SIPResponse(replyingTo: request, statusCode: 100)
            // §8.2.6.1: a 100 Trying copies the Timestamp header.
            if let timestamp = request.headers["Timestamp"] { trying.headers.add("Timestamp", timestamp) }
            self.trying = trying
        } else {
            self.trying = nil
        }
    }

    private var reliable: Bool { peer.transport.isReliable }
    private func timer(_ name: SIPTimerName) -> SIPTimerID { SIPTimerID(.server(id), name) }

    /// Enters Proceeding; sends 100 Trying when configured to (the TU is told by the layer).
    public mutating func start(now: SIPInstant) -> [SIPTransactionAction] {
        guard let trying else { return [] }
        lastResponse = trying
        lastResponseToTag = trying.headers.to?.tag
        return [.transmit(.response(trying), to: peer)]
    }

    /// A retransmitted INVITE or an ACK matched this transaction (§17.2.3).
    public mutating func receivedRequest(_ request: SIPRequest, now: SIPInstant) -> [SIPTransactionAction] {
        if request.method == .ack { return receivedACK(request, now: now) }
        switch state {
        case .proceeding, .completed:
            guard let lastResponse else { return [] }
            return [.transmit(.response(lastResponse), to: peer)]
        case .accepted, .confirmed, .terminated:
            return []
        }
    }

    private mutating func receivedACK(_ ack: SIPRequest, now: SIPInstant) -> [SIPTransactionAction] {
        switch state {
        case .completed:
            let cancels: [SIPTransactionAction] = (reliable ? [] : [.cancelTimer(timer(.g))]) + [.cancelTimer(timer(.h))]
            let i = timers.timerIK(reliable: reliable)
            if i == .zero {
                state = .terminated
                return cancels + [.terminated(.server(id))]
            }
            state = .confirmed
            return cancels + [.startTimer(timer(.i), at: now + i)]
        case .accepted:
            return [.deliverStrayACK(ack, from: peer)]
        case .proceeding, .confirmed, .terminated:
            return []
        }
    }

    /// The TU sends a response on this transaction. Responses the state does not allow are dropped.
    public mutating func sendResponse(_ response: SIPResponse, now: SIPInstant) -> [SIPTransactionAction] {
        switch state {
        case .proceeding:
            lastResponse = response
            lastResponseToTag = response.headers.to?.tag
            let send = SIPTransactionAction.transmit(.response(response), to: peer)
            if response.isProvisional { return [send] }
            if response.statusCode < 300 {
                // Accepted (RFC 6026): the TU retransmits its 2xx, so the transaction only needs the To tag.
                lastResponse = nil
                state = .accepted
                return [send, .startTimer(timer(.l), at: now + timers.transactionTimeout)]
            }
            state = .completed
            var actions = [send]
            if !reliable { actions.append(.startTimer(timer(.g), at: now + timerGInterval)) }
            actions.append(.startTimer(timer(.h), at: now + timers.transactionTimeout))
            return actions
        case .accepted:
            guard (200..<300).contains(response.statusCode) else { return [] }
            return [.transmit(.response(response), to: peer)]
        case .completed, .confirmed, .terminated:
            return []
        }
    }

    public mutating func timerFired(_ name: SIPTimerName, now: SIPInstant) -> [SIPTransactionAction] {
        switch (state, name) {
        case (.completed, .g):
            guard let lastResponse else { return [] }
            timerGInterval = timers.doubledCapped(timerGInterval)
            return [.transmit(.response(lastResponse), to: peer), .startTimer(timer(.g), at: now + timerGInterval)]
        case (.completed, .h):
            state = .terminated
            return (reliable ? [] : [.cancelTimer(timer(.g))]) + [.serverTimedOut(id), .terminated(.server(id))]
        case (.confirmed, .i), (.accepted, .l):
            state = .terminated
            return [.terminated(.server(id))]
        case (.proceeding, _), (.completed, _), (.confirmed, _), (.accepted, _), (.terminated, _):
            return []
        }
    }

    /// The connection the INVITE came on failed (RFC 3261 §17.2.4).
    public mutating func transportFailed() -> [SIPTransactionAction] {
        let cancels: [SIPTransactionAction]
        switch state {
        case .proceeding:
            state = .terminated
            return [.transportError(.server(id)), .terminated(.server(id))]
        case .completed: cancels = [.cancelTimer(timer(.g)), .cancelTimer(timer(.h))]
        case .confirmed: cancels = [.cancelTimer(timer(.i))]
        case .accepted: cancels = [.cancelTimer(timer(.l))]
        case .terminated: return []
        }
        state = .terminated
        return cancels + [.terminated(.server(id))]
    }
}
