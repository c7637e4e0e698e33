/// RFC 7983 §7 demultiplexing of the datagrams that share one WebRTC media port, by first octet, with
/// RTP and RTCP told apart by the second octet as RFC 5761 §4 prescribes for rtcp-mux.
///
/// ```
///                  +----------------+
///                  |        [0..3] -+--> forward to STUN
///                  |                |
///                  |      [16..19] -+--> forward to ZRTP      (.unknown here)
///                  |                |
///      packet -->  |      [20..63] -+--> forward to DTLS
///                  |                |
///                  |      [64..79] -+--> forward to TURN Channel (.unknown here)
///                  |                |
///                  |    [128..191] -+--> forward to RTP/RTCP
///                  +----------------+
/// ```
///
/// It lives in the ICE target because the ICE shell is the first to see every datagram on the port;
/// only `.stun` goes to ``ICELiteAgent``.
public enum PacketClass: Hashable, Sendable {
    case stun
    case dtls
    case rtp
    /// RTCP in an rtcp-mux stream: packet types 192–223 (RFC 5761 §4), i.e. SR/RR/SDES/BYE/APP/RTPFB/PSFB/XR.
    case rtcp
    /// Empty, ZRTP, TURN ChannelData or anything else: drop.
    case unknown

    /// Classifies a datagram by its first two octets.
    public static func classify(_ datagram: some Collection<UInt8>) -> PacketClass {
        guard let first = datagram.first else { return .unknown }
        let second = datagram.dropFirst().first
        return classify(firstByte: first, secondByte: second)
    }

    /// Classifies by the first octet, and for RTP/RTCP the second one (without it, 128–191 is `.rtp`).
    public static func classify(firstByte: UInt8, secondByte: UInt8? = nil) -> PacketClass {
        switch firstByte {
        case 0...3: .stun
        case 20...63: .dtls
        case 128...191:
            if let secondByte, (192...223).contains(secondByte) { .rtcp } else { .rtp }
        default: .unknown
        }
    }
}
