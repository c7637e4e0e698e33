/// Offer/answer failure (RFC 3264), carrying the SIP status to respond with where one exists.
public struct SDPNegotiationError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case noCompatibleMedia
        case noOutstandingOffer
        case mediaCountMismatch
        case malformedFingerprint
        case missingFingerprint
        case malformedSetup
        case malformedICECredentials
        case missingICECredentials
        case rtcpMuxRequired
    }

    private let code: Code

    /// No offered audio stream has a codec in our list: answer the INVITE with 488 Not Acceptable Here
    /// (RFC 3261 §21.4.26, RFC 3264 §6).
    public static let noCompatibleMedia = SDPNegotiationError(code: .noCompatibleMedia)
    /// An answer arrived but we have no offer outstanding (RFC 3264 §4).
    public static let noOutstandingOffer = SDPNegotiationError(code: .noOutstandingOffer)
    /// The answer does not have exactly one m-line per offered m-line (RFC 3264 §6).
    public static let mediaCountMismatch = SDPNegotiationError(code: .mediaCountMismatch)
    /// An `a=fingerprint` is not `hash-func SP 2UHEX *(":" 2UHEX)` or its length does not fit the hash
    /// function (RFC 8122 §5).
    public static let malformedFingerprint = SDPNegotiationError(code: .malformedFingerprint)
    /// A DTLS-SRTP stream without any `a=fingerprint` (RFC 5763 §5, RFC 8842 §5).
    public static let missingFingerprint = SDPNegotiationError(code: .missingFingerprint)
    /// `a=setup` is not one of `active`/`passive`/`actpass`/`holdconn` (RFC 4145 §4), is `holdconn` in a
    /// DTLS-SRTP offer, or is not `active`/`passive` in an answer (RFC 8842 §5.2, §5.3).
    public static let malformedSetup = SDPNegotiationError(code: .malformedSetup)
    /// `a=ice-ufrag`/`a=ice-pwd` are not 4–256 / 22–256 ice-chars (RFC 8839 §5.4).
    public static let malformedICECredentials = SDPNegotiationError(code: .malformedICECredentials)
    /// A WebRTC stream without `a=ice-ufrag`/`a=ice-pwd` (RFC 8839 §5.4, RFC 8829 §5.1.1).
    public static let missingICECredentials = SDPNegotiationError(code: .missingICECredentials)
    /// A WebRTC stream without `a=rtcp-mux`: our ICE-lite agent has one component (RFC 8829 §5.1.3
    /// "require" policy, RFC 5761 §5.1.1).
    public static let rtcpMuxRequired = SDPNegotiationError(code: .rtcpMuxRequired)

    /// The SIP response status for this failure when it is raised while answering an offer.
    public var sipStatus: Int {
        switch code {
        case .noCompatibleMedia, .malformedFingerprint, .missingFingerprint, .malformedSetup,
             .malformedICECredentials, .missingICECredentials, .rtcpMuxRequired: 488
        case .noOutstandingOffer: 500
        case .mediaCountMismatch: 400
        }
    }

    public var description: String { "SDPNegotiationError.\(code)" }
}
