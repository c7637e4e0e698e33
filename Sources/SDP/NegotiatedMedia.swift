/// The outcome of an offer/answer exchange for the audio stream, from *our* point of view.
public struct NegotiatedMedia: Hashable, Sendable {
    /// Where to send RTP (the peer's effective `c=` address and `m=` port).
    public var remoteAddress: String
    public var remotePort: UInt16
    /// Peer's RTCP port: `a=rtcp` (RFC 3605), else RTP port + 1 (RFC 3550 §11), or the RTP port with rtcp-mux.
    public var remoteRTCPPort: UInt16
    /// Both sides agreed to multiplex RTP and RTCP (RFC 5761).
    public var rtcpMux: Bool
    /// The payload type we send and expect for audio.
    public var payloadType: UInt8
    public var encodingName: String
    public var clockRate: UInt32
    public var channels: String?
    public var formatParameters: String?
    /// Payload type of RFC 4733 telephone-event, when both sides support it.
    public var telephoneEventPayloadType: UInt8?
    /// Packetization time in milliseconds (`a=ptime`, default 20).
    public var ptime: Int
    /// Our effective direction for this stream.
    public var direction: SDPMediaDirection
    /// The peer put us on hold: it declared sendonly/inactive or the legacy `c=0.0.0.0` (RFC 3264 §8.4).
    public var isRemoteHold: Bool

    public init(
        remoteAddress: String, remotePort: UInt16, remoteRTCPPort: UInt16, rtcpMux: Bool, payloadType: UInt8,
        encodingName: String, clockRate: UInt32, channels: String? = nil, formatParameters: String? = nil,
        telephoneEventPayloadType: UInt8?, ptime: Int, direction: SDPMediaDirection, isRemoteHold: Bool
    ) {
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.remoteRTCPPort = remoteRTCPPort
        self.rtcpMux = rtcpMux
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
        self.formatParameters = formatParameters
        self.telephoneEventPayloadType = telephoneEventPayloadType
        self.ptime = ptime
        self.direction = direction
        self.isRemoteHold = isRemoteHold
    }
}
