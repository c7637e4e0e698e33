/// The secure-transport half of a negotiated WebRTC stream (RFC 8829 JSEP, RFC 8842, RFC 8839): what the
/// ICE and DTLS engines need about the peer, and the DTLS role we must take.
public struct NegotiatedWebRTC: Hashable, Sendable {
    /// The peer's ICE credentials, options and candidates.
    public var remoteICE: SDPICEParameters
    /// The peer's certificate fingerprints (media level, else session level), in order; the DTLS
    /// engine checks the certificate against the strongest one it supports (RFC 8122 §5).
    public var remoteFingerprints: [SDPFingerprint]
    /// The peer's `a=setup`, when present.
    public var remoteSetup: SDPSetup?
    /// The `a=setup` role we take: `.active` means we are the DTLS client, `.passive` the server
    /// (RFC 8842 §5.3, §5.4). Never `actpass` or `holdconn`.
    public var localSetup: SDPSetup

    public init(
        remoteICE: SDPICEParameters, remoteFingerprints: [SDPFingerprint], remoteSetup: SDPSetup?,
        localSetup: SDPSetup
    ) {
        self.remoteICE = remoteICE
        self.remoteFingerprints = remoteFingerprints
        self.remoteSetup = remoteSetup
        self.localSetup = localSetup
    }

    /// We send the DTLS ClientHello (`a=setup:active`, RFC 4145 §4).
    public var isDTLSClient: Bool { localSetup == .active }
}
