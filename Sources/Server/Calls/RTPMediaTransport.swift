import ICE
import NIOCore
import SDP
import SwitchCore
import Transport

/// What an `RTPMediaLeg` sends and receives plain RTP through: a bare `RTPSocket` (SIP phones), or a
/// `WebRTCTransport` that carries the same packets as SRTP over ICE and DTLS on one port (browsers). The leg's
/// media logic (echo, playback, digits, recording, bridging) is the same over both.
protocol RTPMediaTransport: Sendable {
    var localPort: Int { get }
    /// The event loop that owns the socket (RTCP reports are scheduled there).
    var eventLoop: EventLoop { get }
    /// Plain RTP (and RTCP) from the peer, with its source address.
    func onReceive(_ handler: @escaping RTPSocket.ReceiveHandler)
    /// Sends one plain RTP packet; a secure transport protects it and sends it where ICE says.
    func send(_ packet: consuming [UInt8], to host: String, port: Int)
    func close()
    /// The offer/answer is done (again, after a re-INVITE).
    func negotiated(_ media: NegotiatedMedia)
    /// Our ICE and DTLS parameters for the SDP answer, announcing `ssrc` as our stream; `nil` for plain RTP.
    func sdpTransport(ssrc: UInt32) -> SDPWebRTCTransport?
    /// Called at most once when the transport fails on its own, with the call's hangup cause.
    func onFailure(_ handler: @escaping @Sendable (HangupCause) -> Void)
    /// The peer connection is gone but the call stays up (a detached Verto call): stop sending and stop
    /// checking the peer's liveness until ``restart()``.
    func suspend()
    /// A new peer connection takes over: new ICE credentials for the next offer (``sdpTransport(ssrc:)``) and
    /// a new DTLS handshake once ``negotiated(_:)`` brings its answer.
    func restart()
    /// A (re-)offer brings the peer's ICE credentials: new ones restart ICE (RFC 8445 §9) and take new local
    /// ones, before ``sdpTransport(ssrc:)`` is read for the answer.
    func offered(_ remoteICE: ICECredentials)
}

extension RTPSocket: RTPMediaTransport {
    func negotiated(_ media: NegotiatedMedia) {}
    func sdpTransport(ssrc: UInt32) -> SDPWebRTCTransport? { nil }
    func onFailure(_ handler: @escaping @Sendable (HangupCause) -> Void) {}
    func suspend() {}
    func restart() {}
    func offered(_ remoteICE: ICECredentials) {}
}
