import SDP

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
}

extension SIPMediaLeg {
    public func receivedDTMF(_ digit: Character) {}
}

public protocol SIPMediaProvider: Sendable {
    func openLeg(uuid: String) async throws -> any SIPMediaLeg
}
