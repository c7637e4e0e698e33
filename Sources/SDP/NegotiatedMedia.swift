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
    /// Channel count from the rtpmap (`2` for Opus, RFC 7587 §7), when present.
    public var channels: String?
    /// The peer's `a=fmtp` for the chosen payload type (what it asks of our sender, RFC 7587 §6.1), else ours.
    public var formatParameters: String?
    /// Payload type of RFC 4733 telephone-event, when both sides support it.
    public var telephoneEventPayloadType: UInt8?
    /// Packetization time in milliseconds (`a=ptime`, default 20).
    public var ptime: Int
    /// Our effective direction for this stream.
    public var direction: SDPMediaDirection
    /// The peer put us on hold: it declared sendonly/inactive or the legacy `c=0.0.0.0` (RFC 3264 §8.4).
    public var isRemoteHold: Bool
    /// The m-line's transport protocol (`RTP/AVP`, `UDP/TLS/RTP/SAVPF`, …), the same on both sides.
    public var proto: String
    /// RTP clock rate of telephone-event (8000, or 48000 next to Opus; RFC 4733 §2.1). Meaningful only
    /// when ``telephoneEventPayloadType`` is set.
    public var telephoneEventClockRate: UInt32
    /// `a=mid` of the stream (RFC 5888 §4), when the offer carried one; also its BUNDLE tag (RFC 8843).
    public var mid: String?
    /// ICE and DTLS parameters when the stream is a WebRTC one (secure profile with DTLS-SRTP and ICE);
    /// `nil` for plain RTP.
    public var webRTC: NegotiatedWebRTC?

    /// Whether the leg is WebRTC: DTLS-SRTP keys, ICE, rtcp-mux (RFC 8829 §5.1.1).
    public var isWebRTC: Bool { webRTC != nil }

    public init(
        remoteAddress: String, remotePort: UInt16, remoteRTCPPort: UInt16, rtcpMux: Bool, payloadType: UInt8,
        encodingName: String, clockRate: UInt32, channels: String? = nil, formatParameters: String? = nil,
        telephoneEventPayloadType: UInt8?, ptime: Int, direction: SDPMediaDirection, isRemoteHold: Bool,
        proto: String = "RTP/AVP", telephoneEventClockRate: UInt32 = 8000, mid: String? = nil,
        webRTC: NegotiatedWebRTC? = nil
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
        self.proto = proto
        self.telephoneEventClockRate = telephoneEventClockRate
        self.mid = mid
        self.webRTC = webRTC
    }
}
