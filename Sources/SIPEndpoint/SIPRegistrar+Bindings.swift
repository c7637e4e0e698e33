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
        let userAgent = request.headers["User-Agent"]
        var outcome: Result<RegistrarUpdate, RegistrarError>?
        // Read, apply the §10.3 rules and write in one transaction: concurrent REGISTERs can't lose bindings.
        _ = try store.updateRegistrations(user: user.id, domain: user.domain, now: nowDate) { stored in
            do throws(RegistrarError) {
                let update = try RegistrarRules.apply(
                    register: request, currentBindings: stored.map { Self.binding(from: $0) }, now: now,
                    policy: configuration.policy, source: peer)
                outcome = .success(update)
                if request.headers.elements("Contact").isEmpty { return stored }  // a query changes nothing
                return update.bindings.map {
                    Self.registration(from: $0, user: user, userAgent: userAgent, registeredAt: nowDate)
                }
            } catch {
                outcome = .failure(error)
                return stored
            }
        }
        let update: RegistrarUpdate
        switch outcome {
        case .success(let u)?: update = u
        case .failure(let error)?: return error.response(replyingTo: request, toTag: SIPTag.random())
        case nil: return SIPResponse(replyingTo: request, statusCode: 500)
        }
        logger.debug("registered", metadata: [
            "user": "\(user.id)@\(user.domain)", "contacts": "\(update.bindings.count)", "source": "\(peer)",
            "call-id": "\(request.callID ?? "")"])
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
