import SDP
import SwitchCore

/// The RTP side of one call leg, opened by the media layer (NIO sockets live in the adapters; `Server`
/// implements this over `Transport.RTPSocket`).
public protocol SIPMediaLeg: Sendable {
    /// Address and port to put in our SDP (`c=` and `m=`).
    var address: String { get }
    var port: Int { get }
    /// The offer/answer is done: where to send, which payload type.
    func start(_ media: NegotiatedMedia)
    func close()
    /// A digit that arrived in signalling (SIP INFO), to be queued with the RFC 4733 ones.
    func receivedDTMF(_ digit: Character)
    /// Our ICE credentials, candidates and DTLS fingerprint when the leg is a WebRTC one (answers to WebRTC
    /// offers carry them); `nil` for plain RTP.
    var webRTCTransport: SDPWebRTCTransport? { get }
    /// Our WebRTC parameters for the answer to `offer`: when the offer restarts ICE (new `ice-ufrag`/`ice-pwd`,
    /// RFC 8445 §9) the leg takes new local credentials first, so that the answer carries them.
    func webRTCTransport(answering offer: SessionDescription) -> SDPWebRTCTransport?
    /// Called at most once when the media path dies on its own (ICE consent lost, DTLS failed), with the
    /// cause the call should end with.
    func onMediaFailure(_ handler: @escaping @Sendable (HangupCause) -> Void)
}

extension SIPMediaLeg {
    public func receivedDTMF(_ digit: Character) {}
    public var webRTCTransport: SDPWebRTCTransport? { nil }
    public func webRTCTransport(answering offer: SessionDescription) -> SDPWebRTCTransport? { webRTCTransport }
    public func onMediaFailure(_ handler: @escaping @Sendable (HangupCause) -> Void) {}
}

public protocol SIPMediaProvider: Sendable {
    func openLeg(uuid: String) async throws -> any SIPMediaLeg
    /// Whether ``openWebRTCLeg(uuid:)`` can open legs, i.e. whether WebRTC offers are acceptable.
    var supportsWebRTC: Bool { get }
    /// A leg for a WebRTC offer: ICE, DTLS-SRTP, SRTP and SRTCP on one port.
    func openWebRTCLeg(uuid: String) async throws -> any SIPMediaLeg
}

extension SIPMediaProvider {
    public var supportsWebRTC: Bool { false }
    public func openWebRTCLeg(uuid: String) async throws -> any SIPMediaLeg {
        throw SIPMediaProviderError.webRTCUnsupported
    }
}

public enum SIPMediaProviderError: Error, Sendable {
    /// The provider has no DTLS identity or ICE support (``SIPMediaProvider/supportsWebRTC`` is false).
    case webRTCUnsupported
}
