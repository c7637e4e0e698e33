import STUN

/// What the ICE-lite agent asks its shell to do. Inputs to ``ICELiteAgent`` return these in order; the
/// shell carries them out after the call returns.
public enum ICEAction: Equatable, Sendable {
    /// Send a STUN message (already serialized, with MESSAGE-INTEGRITY and FINGERPRINT) from the socket
    /// the request arrived on to `to`.
    case send([UInt8], to: TransportAddress)
    /// The controlling peer nominated this address (USE-CANDIDATE, RFC 8445 §7.3.1.5, §8.2): send media
    /// (DTLS, SRTP) there from now on. Reported again when the nomination moves to another address.
    case selected(TransportAddress)
    /// No valid check arrived for the consent timeout (30 s, RFC 7675 §5.1): stop sending to the peer.
    /// Reported once; a later nomination revives the agent with a new ``selected(_:)``.
    case consentExpired
}
