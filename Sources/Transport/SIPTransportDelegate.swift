import SIPMessage

/// Receives what the SIP listeners read. Called on the event loop that owns the socket, so it must
/// return quickly: parse, feed the transaction layer and hand slow work (storage) elsewhere.
public protocol SIPTransportDelegate: AnyObject, Sendable {
    /// One complete SIP message: a whole datagram, a Content-Length-framed message cut from a
    /// stream, or one WebSocket message (RFC 7118 §5: one SIP message per WebSocket message).
    func transport(didReceive bytes: [UInt8], from peer: SIPPeer)

    /// A stream connection closed or was closed after a framing error; its flow is gone.
    func transport(connectionClosed connectionID: UInt64, peer: SIPPeer)
}

