import SIPMessage

/// The INVITE client transaction of RFC 3261 §17.1.1, with the Accepted state of RFC 6026 §7.2.
///
/// Transitions (RFC 3261 Figure 5, amended by RFC 6026 Figure 3):
///
/// | State      | Input                   | Output                        | Next       |
/// |------------|-------------------------|-------------------------------|------------|
/// | Calling    | Timer A                 | INVITE resent, A doubled      | Calling    |
/// | Calling    | Timer B                 | timeout to TU                 | Terminated |
/// | Calling    | 1xx                     | 1xx to TU                     | Proceeding |
/// | Proceeding | 1xx                     | 1xx to TU                     | Proceeding |
/// | Calling/Proceeding | 2xx             | 2xx to TU, start M            | Accepted   |
/// | Calling/Proceeding | 300-699         | ACK sent, resp. to TU, start D | Completed |
/// | Completed  | 300-699                 | ACK sent                      | Completed  |
/// | Completed  | Timer D                 | –                             | Terminated |
/// | Accepted   | 2xx                     | 2xx to TU                     | Accepted   |
/// | Accepted   | Timer M                 | –                             | Terminated |
/// | Calling/Proceeding | transport error | inform TU                 | Terminated |
/// | Completed/Accepted | transport error | –                         | Terminated |
///
/// A 2xx moves Calling/Proceeding to Accepted (RFC 6026 §7.2) and starts Timer M; every further 2xx is
/// passed to the TU, which sends the ACK for 2xx itself (RFC 3261 §13.2.2.4). Timer A runs only on
/// unreliable transports and doubles without bound (§17.1.1.2: "intervals that double after each
/// transmission"); Timer B ends the Calling state only.
public struct SIPInviteClientTransaction: Sendable {
    public enum State: Hashable, Sendable {
        case calling, proceeding, completed, accepted, terminated
    }

    public let id: SIPClientTransactionID
    public let request: SIPRequest
    public let peer: SIPPeer
    public private(set) var state: State = .calling
    /// The ACK this transaction sent for a non-2xx final response (§17.1.1.3), resent on retransmissions.
    public private(set) var ack: SIPRequest?
    private let timers: SIPTimerConfiguration
    private var timerAInterval: Duration

    public init(id: SIPClientTransactionID, request: SIPRequest, peer: SIPPeer, timers: SIPTimerConfiguration) {
        self.id = id
        self.request = request
        self.peer = peer
        self.timers = timers
        self.timerAInterval = timers.t1
    }

    private var reliable: Bool { peer.transport.isReliable }
    private func timer(_ name: SIPTimerName) -> SIPTimerID { SIPTimerID(.client(id), name) }

    /// Sends the INVITE and starts Timers A (unreliable only) and B (§17.1.1.2).
    public mutating func start(now: SIPInstant) -> [SIPTransactionAction] {
        var actions: [SIPTransactionAction] = [.transmit(.request(request), to: peer)]
        if !reliable { actions.append(.startTimer(timer(.a), at: now + timerAInterval)) }
        actions.append(.startTimer(timer(.b), at: now + timers.transactionTimeout))
        return actions
    }

    public mutating func receivedResponse(_ response: SIPResponse, now: SIPInstant) -> [SIPTransactionAction] {
        switch state {
        case .calling, .proceeding:
            let leavingCalling: [SIPTransactionAction] =
                state == .calling ? (reliable ? [] : [.cancelTimer(timer(.a))]) + [.cancelTimer(timer(.b))] : []
            if response.isProvisional {
                state = .proceeding
                return leavingCalling + [.deliverResponse(response, id)]
            }
            if response.statusCode < 300 {
                state = .accepted
                return leavingCalling + [
                    .deliverResponse(response, id), .startTimer(timer(.m), at: now + timers.transactionTimeout),
                ]
            }
            let ack = SIPInviteClientTransaction.makeACK(for: request, response: response)
            self.ack = ack
            var actions = leavingCalling + [.transmit(.request(ack), to: peer), .deliverResponse(response, id)]
            actions += enterCompleted(now: now)
            return actions
        case .completed:
            // §17.1.1.2: a retransmitted final response is answered with the ACK again, not passed up.
            guard response.statusCode >= 300, let ack else { return [] }
            return [.transmit(.request(ack), to: peer)]
        case .accepted:
            // RFC 6026 §7.2: retransmitted or forked 2xx go to the TU, which ACKs them.
            guard (200..<300).contains(response.statusCode) else { return [] }
            return [.deliverResponse(response, id)]
        case .terminated:
            return []
        }
    }

    private mutating func enterCompleted(now: SIPInstant) -> [SIPTransactionAction] {
        let d = timers.timerD(reliable: reliable)
        if d == .zero { return terminate() }
        state = .completed
        return [.startTimer(timer(.d), at: now + d)]
    }

    private mutating func terminate() -> [SIPTransactionAction] {
        state = .terminated
        return [.terminated(.client(id))]
    }

    public mutating func timerFired(_ name: SIPTimerName, now: SIPInstant) -> [SIPTransactionAction] {
        switch (state, name) {
        case (.calling, .a):
            timerAInterval = timerAInterval * 2
            return [.transmit(.request(request), to: peer), .startTimer(timer(.a), at: now + timerAInterval)]
        case (.calling, .b):
            state = .terminated
            return (reliable ? [] : [.cancelTimer(timer(.a))]) + [.clientTimedOut(id), .terminated(.client(id))]
        case (.completed, .d), (.accepted, .m):
            return terminate()
        case (.calling, _), (.proceeding, _), (.completed, _), (.accepted, _), (.terminated, _):
            return []
        }
    }

    /// The transport reported a failure (RFC 3261 §17.1.4): the TU is told and the transaction ends.
    public mutating func transportFailed() -> [SIPTransactionAction] {
        switch state {
        case .calling, .proceeding:
            // Timers A and B run only in Calling.
            let cancels: [SIPTransactionAction] =
                state == .calling ? (reliable ? [] : [.cancelTimer(timer(.a))]) + [.cancelTimer(timer(.b))] : []
            state = .terminated
            return cancels + [.transportError(.client(id)), .terminated(.client(id))]
        case .completed:
            state = .terminated
            return [.cancelTimer(timer(.d)), .terminated(.client(id))]
        case .accepted:
            // The TU already has its 2xx; only the wait for 2xx retransmissions ends.
            state = .terminated
            return [.cancelTimer(timer(.m)), .terminated(.client(id))]
        case .terminated:
            return []
        }
    }

    /// The ACK for a non-2xx final response (RFC 3261 §17.1.1.3): Request-URI, Call-ID, From and the
    /// CSeq number of the INVITE, To of the response, only the INVITE's top Via, and its Route headers.
    public static func makeACK(for invite: SIPRequest, response: SIPResponse) -> SIPRequest {
        var headers = SIPHeaders()
        if let via = invite.headers.elements("Via").first { headers.add("Via", via) }
        headers.add("Max-Forwards", "70")
        if let from = invite.headers["From"] { headers.add("From", from) }
        if let to = response.headers["To"] ?? invite.headers["To"] { headers.add("To", to) }
        if let callID = invite.headers.callID { headers.add("Call-ID", callID) }
        let number = invite.cseq?.sequence ?? 0
        headers.add("CSeq", SIPCSeq(sequence: number, method: .ack).description)
        for route in invite.headers.values("Route") { headers.add("Route", route) }
        return SIPRequest(method: .ack, uri: invite.uri, headers: headers)
    }
}
