import SIPMessage

/// The client transaction matching key of RFC 3261 §17.1.3: the branch of the top Via and the CSeq
/// method (so a CANCEL, which shares its INVITE's branch, has a transaction of its own).
struct SIPClientTransactionKey: Hashable, Sendable {
    var branch: String
    var method: SIPMethod
}

/// The server transaction matching key of RFC 3261 §17.2.3.
enum SIPServerTransactionKey: Hashable, Sendable {
    /// Branch with the `z9hG4bK` cookie: branch, sent-by and method, where an ACK uses INVITE.
    case branch(String, sentBy: String, method: SIPMethod)
    /// RFC 2543 fallback (no cookie): Request-URI, From tag, Call-ID, CSeq number, top Via and method
    /// (ACK again as INVITE). The To tag is checked after the lookup, because an ACK carries the tag of
    /// the response rather than the one of the request.
    case legacy(requestURI: String, fromTag: String, callID: String, sequence: UInt32, topVia: String, method: SIPMethod)

    /// The key `request` matches under, with `method` standing in for the request's own (INVITE for an
    /// ACK, INVITE for the transaction a CANCEL cancels). `nil` when Via, CSeq or Call-ID is missing.
    init?(_ request: SIPRequest, method: SIPMethod) {
        guard let via = request.topVia else { return nil }
        if let branch = via.branch, branch.hasPrefix(SIPVia.magicCookie) {
            self = .branch(branch, sentBy: via.sentBy, method: method)
            return
        }
        guard let cseq = request.cseq, let callID = request.callID else { return nil }
        self = .legacy(
            requestURI: request.uri.description, fromTag: request.headers.from?.tag ?? "", callID: callID,
            sequence: cseq.sequence, topVia: via.description, method: method)
    }

    var isLegacy: Bool {
        if case .legacy = self { return true }
        return false
    }
}
