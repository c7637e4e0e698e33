/// Offer/answer failure (RFC 3264), carrying the SIP status to respond with where one exists.
public struct SDPNegotiationError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case noCompatibleMedia
        case noOutstandingOffer
        case mediaCountMismatch
    }

    private let code: Code

    /// No offered audio stream has a codec in our list: answer the INVITE with 488 Not Acceptable Here
    /// (RFC 3261 §21.4.26, RFC 3264 §6).
    public static let noCompatibleMedia = SDPNegotiationError(code: .noCompatibleMedia)
    /// An answer arrived but we have no offer outstanding (RFC 3264 §4).
    public static let noOutstandingOffer = SDPNegotiationError(code: .noOutstandingOffer)
    /// The answer does not have exactly one m-line per offered m-line (RFC 3264 §6).
    public static let mediaCountMismatch = SDPNegotiationError(code: .mediaCountMismatch)

    /// The SIP response status for this failure when it is raised while answering an offer.
    public var sipStatus: Int {
        switch code {
        case .noCompatibleMedia: 488
        case .noOutstandingOffer: 500
        case .mediaCountMismatch: 400
        }
    }

    public var description: String { "SDPNegotiationError.\(code)" }
}
