import Foundation
import SIPMessage
import SIPStack
import SwitchCore

/// Mapping between the registrar's bindings (SIPStack) and the directory's registrations (SwitchCore).
extension SIPRegistrar {
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
