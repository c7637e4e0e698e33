import SIPMessage
import SIPStack
import SwitchCore

/// Who is calling (RFC 3261 §22.3, proxy-style 407 as FreeSWITCH does for INVITE): a caller claiming a local
/// user is challenged and must prove it; everybody else is anonymous and lands in the `public` context.
public enum CallerAuthorization: Sendable {
    case challenge(SIPResponse)
    case refuse(SIPResponse)
    case authorized(UserRecord)
    case anonymous
}

extension SIPRegistrar {
    /// Uses storage: call it off event loops.
    public func authorizeCaller(_ request: SIPRequest, from peer: SIPPeer) -> CallerAuthorization {
        let now = Self.now()
        if case .blocked = limiter.withLock({ $0.decision(for: peer.host, now: now) }) {
            return .refuse(SIPResponse(replyingTo: request, statusCode: 403, toTag: SIPTag.random()))
        }
        guard let from = request.headers.from, let fromUser = from.uri.user else { return .anonymous }
        let domain = resolveDomain(from.uri.host)
        do {
            let credentials = try DigestCredentials.find(in: request.headers, realm: domain, proxy: true)
            guard let credentials else {
                guard directory.user(fromUser, domain: domain) != nil else { return .anonymous }
                return .challenge(challenge(request, realm: domain, now: now, stale: false, proxy: true))
            }
            let user = directory.user(credentials.username, domain: domain)
            let ha1 = user.map { credentials.algorithm == .sha256 ? $0.ha1SHA256 : $0.ha1MD5 } ?? Self.dummyHA1(credentials.algorithm)
            switch DigestVerifier(realm: domain, issuer: issuer).verify(credentials, request: request, storedHA1: ha1, now: now) {
            case .valid where user != nil && credentials.username == fromUser:
                return .authorized(user!)
            case .stale:
                return .challenge(challenge(request, realm: domain, now: now, stale: true, proxy: true))
            default:
                return .refuse(forbidden(request, peer: peer, now: now, reason: "caller authentication failed"))
            }
        } catch {
            return .refuse(SIPResponse(replyingTo: request, statusCode: 400, reasonPhrase: "Malformed Authorization", toTag: SIPTag.random()))
        }
    }
}
