/// The candidate type (RFC 8445 §5.1.1; SDP `typ`, RFC 8839 §5.1).
public enum ICECandidateType: String, Hashable, Sendable, CaseIterable {
    /// A transport address on a local interface.
    case host
    /// Server reflexive: the address a NAT gave us (STUN), or a configured public address (`ext-rtp-ip`).
    case serverReflexive = "srflx"
    /// Peer reflexive: learnt from a connectivity check.
    case peerReflexive = "prflx"
    /// Relayed through TURN.
    case relayed = "relay"

    /// Recommended type preferences (RFC 8445 §5.1.2.2).
    public var typePreference: UInt32 {
        switch self {
        case .host: 126
        case .peerReflexive: 110
        case .serverReflexive: 100
        case .relayed: 0
        }
    }
}
