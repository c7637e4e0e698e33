import SIPMessage

/// The non-INVITE server transaction of RFC 3261 §17.2.2 (also used for CANCEL).
///
/// Transitions (RFC 3261 Figure 8):
///
/// | State            | Input               | Output                      | Next       |
/// |------------------|---------------------|-----------------------------|------------|
/// | Trying           | request (retransmit) | – (absorbed)               | Trying     |
/// | Trying/Proceeding | 1xx from TU        | 1xx sent                    | Proceeding |
/// | Trying/Proceeding | 200-699 from TU    | response sent, start J      | Completed  |
/// | Proceeding       | request             | last provisional resent     | Proceeding |
/// | Completed        | request             | final response resent       | Completed  |
/// | Completed        | Timer J             | –                           | Terminated |
///
/// Timer J is 64·T1 on unreliable transports and zero (immediate Terminated) on reliable ones.
public struct SIPNonInviteServerTransaction: Sendable {
    public enum State: Hashable, Sendable {
        case trying, proceeding, completed, terminated
    }

    public let id: SIPServerTransactionID
    /// The request's To tag, for the RFC 2543 matching rule (§17.2.3). The request itself is not kept: on UDP
    /// the transaction lingers in Completed for Timer J (32 s), and all it needs then is its last response.
    public let requestToTag: String?
    public let peer: SIPPeer
    public private(set) var state: State = .trying
    public private(set) var lastResponse: SIPResponse?
    private let timers: SIPTimerConfiguration

    public init(id: SIPServerTransactionID, request: SIPRequest, peer: SIPPeer, timers: SIPTimerConfiguration) {
        self.id = id
        self.requestToTag = request.headers.to?.tag
        self.peer = peer
        self.timers = timers
    }

    private var reliable: Bool { peer.transport.isReliable }

    /// A retransmission of the request matched this transaction (§17.2.3).
    public mutating func receivedRequest(_ request: SIPRequest, now: SIPInstant) -> [SIPTransactionAction] {
        switch state {
        case .proceeding, .completed:
            guard let lastResponse else { return [] }
            return [.transmit(.response(lastResponse), to: peer)]
        case .trying, .terminated:
            return []
        }
    }

    /// The TU sends a response. Once Completed, further responses are dropped (§17.2.2).
    public mutating func sendResponse(_ response: SIPResponse, now: SIPInstant) -> [SIPTransactionAction] {
        switch state {
        case .trying, .proceeding:
            lastResponse = response
            let send = SIPTransactionAction.transmit(.response(response), to: peer)
            if response.isProvisional {
                state = .proceeding
                return [send]
            }
            let j = timers.timerJ(reliable: reliable)
            if j == .zero {
                state = .terminated
                return [send, .terminated(.server(id))]
            }
            state = .completed
            return [send, .startTimer(SIPTimerID(.server(id), .j), at: now + j)]
        case .completed, .terminated:
            return []
        }
    }

    public mutating func timerFired(_ name: SIPTimerName, now: SIPInstant) -> [SIPTransactionAction] {
        switch (state, name) {
        case (.completed, .j):
            state = .terminated
            return [.terminated(.server(id))]
        case (.trying, _), (.proceeding, _), (.completed, _), (.terminated, _):
            return []
        }
    }

    /// The connection the request came on failed (RFC 3261 §17.2.4).
    public mutating func transportFailed() -> [SIPTransactionAction] {
        switch state {
        case .trying, .proceeding:
            state = .terminated
            return [.transportError(.server(id)), .terminated(.server(id))]
        case .completed:
            state = .terminated
            return [.cancelTimer(SIPTimerID(.server(id), .j)), .terminated(.server(id))]
        case .terminated:
            return []
        }
    }
}
