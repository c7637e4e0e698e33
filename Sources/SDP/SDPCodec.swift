/// A codec this side is willing to use, in local preference order (RFC 3264 §5.1).
public struct SDPCodec: Hashable, Sendable {
    /// Encoding name as in `a=rtpmap` (compared case-insensitively, RFC 4855 §3).
    public var encodingName: String
    public var clockRate: UInt32
    /// Channel count for multi-channel audio (`opus/48000/2`).
    public var channels: String?
    /// The payload type used when *we* offer: static (RFC 3551) or our chosen dynamic number.
    public var payloadType: UInt8
    /// `a=fmtp` parameters to advertise, if any.
    public var formatParameters: String?

    public init(
        encodingName: String, clockRate: UInt32, channels: String? = nil, payloadType: UInt8,
        formatParameters: String? = nil
    ) {
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
        self.payloadType = payloadType
        self.formatParameters = formatParameters
    }

    /// G.711 µ-law, static payload type 0 (RFC 3551 §6).
    public static let pcmu = SDPCodec(encodingName: "PCMU", clockRate: 8000, payloadType: 0)
    /// G.711 A-law, static payload type 8 (RFC 3551 §6).
    public static let pcma = SDPCodec(encodingName: "PCMA", clockRate: 8000, payloadType: 8)
    /// G.722, static payload type 9 (RTP clock rate 8000 by RFC 3551 §4.5.2 erratum).
    public static let g722 = SDPCodec(encodingName: "G722", clockRate: 8000, payloadType: 9)
    /// Opus (RFC 7587 §7): `opus/48000/2` whatever the actual channel count, dynamic payload type 111 (as
    /// browsers use), `minptime=10;useinbandfec=1` as browsers offer it.
    public static let opus = SDPCodec(
        encodingName: "opus", clockRate: 48000, channels: "2", payloadType: 111,
        formatParameters: "minptime=10;useinbandfec=1")
    /// RFC 4733 telephone-event at 48000 Hz, to go with Opus (RFC 4733 §2.1), dynamic payload type 110.
    public static let telephoneEvent48000 = SDPCodec(
        encodingName: "telephone-event", clockRate: 48000, payloadType: 110, formatParameters: "0-16")
    /// RFC 4733 telephone-event at 8000 Hz, dynamic payload type 101 carrying DTMF events 0–15.
    public static let telephoneEvent = SDPCodec(
        encodingName: "telephone-event", clockRate: 8000, payloadType: 101, formatParameters: "0-16")

    /// Whether `map` describes this codec (name case-insensitive, same clock rate, same channels).
    public func matches(_ map: SDPRTPMap) -> Bool {
        map.encodingName.lowercased() == encodingName.lowercased() && map.clockRate == clockRate
            && (map.encodingParameters ?? "1") == (channels ?? "1")
    }

    var rtpMap: SDPRTPMap {
        SDPRTPMap(payloadType: payloadType, encodingName: encodingName, clockRate: clockRate,
                  encodingParameters: channels)
    }
}
