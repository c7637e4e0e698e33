import Foundation
import SIPMessage
import SIPStack
import SwitchCore

extension SIPRegistrar {
    /// Applies an authenticated REGISTER (RFC 3261 §10.3 steps 6–8) to the user's stored bindings and
    /// answers with the resulting set, or with the rule's error (400, 423 with Min-Expires, 500 for an
    /// out-of-order CSeq, 403 for too many contacts).
    func register(_ request: SIPRequest, user: UserRecord, from peer: SIPPeer, now: UnixTime) throws -> SIPResponse {
        let nowDate = Date(timeIntervalSince1970: TimeInterval(now.seconds))
        let stored = try store.registrations(user: user.id, domain: user.domain, now: nowDate)
        let current = stored.map { Self.binding(from: $0) }
        let update: RegistrarUpdate
        do {
            update = try RegistrarRules.apply(
                register: request, currentBindings: current, now: now, policy: configuration.policy, source: peer)
        } catch {
            return error.response(replyingTo: request, toTag: SIPTag.random())
        }
        // A query (no Contact) changes nothing; anything else replaces the user's bindings atomically.
        if !request.headers.elements("Contact").isEmpty {
            let userAgent = request.headers["User-Agent"]
            let rows = update.bindings.map {
                Self.registration(from: $0, user: user, userAgent: userAgent, registeredAt: nowDate)
            }
            try store.replaceRegistrations(user: user.id, domain: user.domain, with: rows)
            logger.debug("registered", metadata: [
                "user": "\(user.id)@\(user.domain)", "contacts": "\(update.bindings.count)", "source": "\(peer)",
                "call-id": "\(request.callID ?? "")"])
        }
        return RegistrarRules.okResponse(replyingTo: request, update: update, now: now, toTag: SIPTag.random())
    }

    static func binding(from r: Registration) -> SIPBinding {
        let transport = SIPTransportProtocol(viaToken: r.transport) ?? .udp
        return SIPBinding(
            contactURI: r.contact, expiresAt: UnixTime(seconds: Int64(r.expires.timeIntervalSince1970)),
            callID: r.callID, cseq: r.cseq, q: r.qValue,
            source: SIPPeer(transport: transport, host: r.sourceHost, port: r.sourcePort))
    }

    static func registration(from b: SIPBinding, user: UserRecord, userAgent: String?, registeredAt: Date) -> Registration {
        Registration(
            user: user.id, domain: user.domain, contact: b.contactURI,
            expires: Date(timeIntervalSince1970: TimeInterval(b.expiresAt.seconds)), callID: b.callID, cseq: b.cseq,
            transport: b.source.transport.rawValue.lowercased(), sourceHost: b.source.host, sourcePort: b.source.port,
            userAgent: userAgent, qValue: b.q, registeredAt: registeredAt)
    }
}
