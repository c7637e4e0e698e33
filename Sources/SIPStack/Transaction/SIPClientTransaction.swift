import SIPMessage

/// A client transaction of either kind, as held by `SIPTransactionLayer` (RFC 3261 §17.1).
public enum SIPClientTransaction: Sendable {
    case invite(SIPInviteClientTransaction)
    case nonInvite(SIPNonInviteClientTransaction)

    public var id: SIPClientTransactionID {
        switch self {
        case .invite(let t): return t.id
        case .nonInvite(let t): return t.id
        }
    }

    public var request: SIPRequest {
        switch self {
        case .invite(let t): return t.request
        case .nonInvite(let t): return t.request
        }
    }

    public var peer: SIPPeer {
        switch self {
        case .invite(let t): return t.peer
        case .nonInvite(let t): return t.peer
        }
    }

    public var isTerminated: Bool {
        switch self {
        case .invite(let t): return t.state == .terminated
        case .nonInvite(let t): return t.state == .terminated
        }
    }

    mutating func start(now: SIPInstant) -> [SIPTransactionAction] {
        switch self {
        case .invite(var t): defer { self = .invite(t) }; return t.start(now: now)
        case .nonInvite(var t): defer { self = .nonInvite(t) }; return t.start(now: now)
        }
    }

    mutating func receivedResponse(_ response: SIPResponse, now: SIPInstant) -> [SIPTransactionAction] {
        switch self {
        case .invite(var t): defer { self = .invite(t) }; return t.receivedResponse(response, now: now)
        case .nonInvite(var t): defer { self = .nonInvite(t) }; return t.receivedResponse(response, now: now)
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
