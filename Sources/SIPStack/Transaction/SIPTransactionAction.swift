import SIPMessage

/// What the transaction layer asks its shell and its transaction user (TU) to do. Inputs to
/// `SIPTransactionLayer` return these in order; the shell carries them out after the call returns.
public enum SIPTransactionAction: Equatable, Sendable {
    /// Send a message to a peer (for stream transports, on `peer.connectionID`).
    case transmit(SIPMessage, to: SIPPeer)
    /// Schedule `timerFired(id, …)` at the deadline, replacing any earlier deadline for the same id.
    case startTimer(SIPTimerID, at: SIPInstant)
    /// Unschedule a timer; firing it anyway is harmless (the layer ignores stale timers).
    case cancelTimer(SIPTimerID)

    /// A new request (not ACK, not CANCEL) for the TU, with the server transaction that answers it.
    /// Retransmissions are absorbed by the transaction and never delivered twice (RFC 3261 §17.2).
    case deliverRequest(SIPRequest, SIPServerTransactionID, from: SIPPeer)
    /// An ACK that belongs to no server transaction: the ACK for a 2xx, which is its own transaction and
    /// goes to the dialog layer (RFC 3261 §17.2.3, RFC 6026 §8.7; also ACKs reaching an INVITE
    /// server transaction in the Accepted state).
    case deliverStrayACK(SIPRequest, from: SIPPeer)
    /// A CANCEL (RFC 3261 §9.2) with its own non-INVITE server transaction (`transaction`) and the INVITE
    /// server transaction it matches, if any. The TU answers 200 on `transaction` and 487 on `cancelled`
    /// when that is still proceeding; with no match it answers 481 on `transaction`.
    case deliverCancel(SIPRequest, cancelled: SIPServerTransactionID?, transaction: SIPServerTransactionID, from: SIPPeer)

    /// A response for a client transaction: provisional and final ones once each; for INVITE, every 2xx
    /// while the transaction is Accepted (retransmissions and forks, RFC 6026 §8.4) so the TU can ACK them.
    case deliverResponse(SIPResponse, SIPClientTransactionID)
    /// A 2xx to INVITE that matched no client transaction (its transaction ended after Timer M): the
    /// dialog layer re-sends its ACK (RFC 3261 §13.2.2.4). Other unmatched responses are discarded (§18.1.2).
    case deliverStrayResponse(SIPResponse, from: SIPPeer)

    /// Timer B or F fired: the TU treats it as a 408 Request Timeout (RFC 3261 §8.1.3.1).
    case clientTimedOut(SIPClientTransactionID)
    /// Timer H fired: no ACK came for a non-2xx final response (RFC 3261 §17.2.1).
    case serverTimedOut(SIPServerTransactionID)
    /// The connection under a transaction failed (RFC 3261 §17.1.4, §17.2.4); the transaction is gone.
    /// For a client transaction the TU treats it as a 503 (§8.1.3.1).
    case transportError(SIPTransactionID)
    /// The transaction reached Terminated and was removed; its id no longer matches anything.
    case terminated(SIPTransactionID)
}
