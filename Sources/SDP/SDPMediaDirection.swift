/// Media direction attributes (RFC 8866 §6.7, RFC 3264 §5.1/§6.1).
public enum SDPMediaDirection: String, Hashable, Sendable, CaseIterable {
    case sendrecv
    case sendonly
    case recvonly
    case inactive

    /// The direction an answerer uses for a stream offered with `self` (RFC 3264 §6.1):
    /// sendonly → recvonly, recvonly → sendonly, inactive → inactive, sendrecv → sendrecv.
    public var answerDirection: SDPMediaDirection {
        switch self {
        case .sendrecv: .sendrecv
        case .sendonly: .recvonly
        case .recvonly: .sendonly
        case .inactive: .inactive
        }
    }

    /// Intersection of what we are willing to do with what the peer permits (RFC 3264 §6.1).
    public func intersected(with other: SDPMediaDirection) -> SDPMediaDirection {
        let send = sends && other.sends
        let receive = receives && other.receives
        switch (send, receive) {
        case (true, true): return .sendrecv
        case (true, false): return .sendonly
        case (false, true): return .recvonly
        case (false, false): return .inactive
        }
    }

    /// Whether the side that wrote this direction will send media.
    public var sends: Bool { self == .sendrecv || self == .sendonly }
    /// Whether the side that wrote this direction wants to receive media.
    public var receives: Bool { self == .sendrecv || self == .recvonly }
}
