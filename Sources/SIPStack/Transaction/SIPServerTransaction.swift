import SIPMessage

/// A server transaction of either kind, as held by `SIPTransactionLayer` (RFC 3261 §17.2). A CANCEL
/// has a non-INVITE server transaction of its own (§9.2).
public enum SIPServerTransaction: Sendable {
    case invite(SIPInviteServerTransaction)
    case nonInvite(SIPNonInviteServerTransaction)

    public var id: SIPServerTransactionID {
        switch self {
        case .invite(let t): return t.id
        case .nonInvite(let t): return t.id
        }
    }

    /// The To tag of the request that created the transaction.
    public var requestToTag: String? {
        switch self {
        case .invite(let t): return t.requestToTag
        case .nonInvite(let t): return t.requestToTag
        }
    }

    public var peer: SIPPeer {
        switch self {
        case .invite(let t): return t.peer
        case .nonInvite(let t): return t.peer
        }
    }

    public var lastResponse: SIPResponse? {
        switch self {
        case .invite(let t): return t.lastResponse
        case .nonInvite(let t): return t.lastResponse
        }
    }

    public var isTerminated: Bool {
        switch self {
        case .invite(let t): return t.state == .terminated
        case .nonInvite(let t): return t.state == .terminated
        }
    }

    /// The To-tag part of the RFC 2543 matching rule (§17.2.3), which the dictionary key leaves out: an ACK
    /// carries the To tag of the response sent, any other request the To tag of the original one.
    func matchesLegacyToTag(of request: SIPRequest) -> Bool {
        let tag = request.headers.to?.tag
        if request.method == .ack {
            guard case .invite(let t) = self else { return false }
            return tag == t.lastResponseToTag
        }
        return tag == requestToTag
    }

    mutating func receivedRequest(_ request: SIPRequest, now: SIPInstant) -> [SIPTransactionAction] {
        switch self {
        case .invite(var t): defer { self = .invite(t) }; return t.receivedRequest(request, now: now)
        case .nonInvite(var t):
            // An ACK never belongs to a non-INVITE transaction (§17.2.3); it is dropped here.
            guard request.method != .ack else { return [] }
            defer { self = .nonInvite(t) }
            return t.receivedRequest(request, now: now)
        }
    }

    mutating func sendResponse(_ response: SIPResponse, now: SIPInstant) -> [SIPTransactionAction] {
        switch self {
        case .invite(var t): defer { self = .invite(t) }; return t.sendResponse(response, now: now)
        case .nonInvite(var t): defer { self = .nonInvite(t) }; return t.sendResponse(response, now: now)
        }
    }

    mutating func timerFired(_ name: SIPTimerName, now: SIPInstant) -> [SIPTransactionAction] {
        switch self {
        case .invite(var t): defer { self = .invite(t) }; return t.timerFired(name, now: now)
        case .nonInvite(var t): defer { self = .nonInvite(t) }; return t.timerFired(name, now: now)
        }
    }

    mutating func transportFailed() -> [SIPTransactionAction] {
        switch self {
        case .invite(var t): defer { self = .invite(t) }; return t.transportFailed()
        case .nonInvite(var t): defer { self = .nonInvite(t) }; return t.transportFailed()
        }
    }
}
