import Foundation
import SDP
import SIPMessage
import SIPStack
import SwitchCore
import Synchronization

/// Outgoing legs by INVITE transaction (for responses) and by dialog key (for the callee's BYE).
final class SIPClientCallTable: Sendable {
    private let calls = Mutex<(byTransaction: [SIPClientTransactionID: SIPClientCall], byKey: [String: SIPClientCall])>(([:], [:]))

    func insert(_ call: SIPClientCall, transaction: SIPClientTransactionID) {
        calls.withLock { $0.byTransaction[transaction] = call }
    }

    func insert(_ call: SIPClientCall, key: String) {
        calls.withLock { $0.byKey[key] = call }
    }

    func call(transaction: SIPClientTransactionID) -> SIPClientCall? { calls.withLock { $0.byTransaction[transaction] } }
    func call(key: String) -> SIPClientCall? { calls.withLock { $0.byKey[key] } }

    func remove(_ call: SIPClientCall) {
        calls.withLock { table in
            table.byTransaction = table.byTransaction.filter { $0.value !== call }
            table.byKey = table.byKey.filter { $0.value !== call }
        }
    }
}

extension SIPEndpoint {
    /// The live contacts of a user (for `bridge user/…`), newest registration first.
    public func contacts(of user: String, domain: String) -> [Registration] {
        registrar.registrations.bindings(of: AddressOfRecord(user: user, domain: domain), now: Date())
            .sorted { $0.registeredAt > $1.registeredAt }
    }

    /// Sends an INVITE to one registered contact, over the flow it registered from (RFC 5626 style: the
    /// source address and transport of its REGISTER), offering the given codecs on a fresh media leg. A contact
    /// that registered over WebSocket is a browser (JsSIP, SIP.js): it gets a WebRTC offer (ICE-lite, DTLS-SRTP,
    /// Opus first) on a WebRTC leg, as FreeSWITCH's `media_webrtc` does for WS contacts; with `opusSampleRate` its
    /// Opus asks for audio no wider than that (RFC 7587 `maxplaybackrate`, for a caller on G.711).
    public func originate(
        to registration: Registration, callerNumber: String, callerName: String, codecs: [SDPCodec],
        opusSampleRate: Int? = nil
    ) async throws -> SIPClientCall {
        guard let mediaProvider else { throw SessionError(.noMedia, "no media provider") }
        let transport = SIPTransportProtocol(viaToken: registration.transport) ?? .udp
        let webRTC = (transport == .ws || transport == .wss) && mediaProvider.supportsWebRTC
        let leg = try await webRTC
            ? mediaProvider.openWebRTCLeg(uuid: SIPTag.random()) : mediaProvider.openLeg(uuid: SIPTag.random())
        var media = SDPNegotiator.Configuration(
            localAddress: leg.address, codecs: codecs, sessionID: String(UInt32.random(in: 1...UInt32.max)))
        if let opusSampleRate {
            media.webRTCCodecs = media.webRTCCodecs.map { $0.limitingOpusAudio(toSampleRate: opusSampleRate) }
        }
        var negotiator = SDPNegotiator(configuration: media)
        let offer = negotiator.makeOffer(localPort: UInt16(clamping: leg.port), webRTC: webRTC ? leg.webRTCTransport : nil)
        let peer = SIPPeer(transport: transport, host: registration.sourceHost, port: registration.sourcePort)
        let target = (try? SIPURI(parsing: registration.contact)) ?? SIPURI(host: registration.sourceHost, port: registration.sourcePort)
        var headers = SIPHeaders()
        headers.add("Via", SIPVia(transport: transport.rawValue, host: configuration.contactHost, port: configuration.contactPort).description)
        headers.add("Max-Forwards", "70")
        let name = callerName.filter { $0 != "\"" && $0 != "\\" }
        headers.add("From", "\"\(name)\" <sip:\(callerNumber)@\(registration.domain)>;tag=\(SIPTag.random())")
        headers.add("To", "<sip:\(registration.user)@\(registration.domain)>")
        headers.add("Call-ID", SIPTag.random() + SIPTag.random())
        headers.add("CSeq", "1 INVITE")
        headers.add("Contact", contactAddress(for: peer, user: callerNumber).description)
        headers.add("Content-Type", "application/sdp")
        let invite = SIPRequest(method: .invite, uri: target, headers: headers, body: Array(offer.serialize().utf8))
        let call = SIPClientCall(invite: invite, peer: peer, media: leg, negotiator: negotiator, endpoint: self)
        let now = timers.now
        let (id, actions) = layer.withLock { $0.sendRequest(invite, to: peer, now: now) }
        call.state.withLock { $0.transaction = id }
        clientCalls.insert(call, transaction: id)
        perform(actions)
        return call
    }

    func clientResponse(_ response: SIPResponse, transaction: SIPClientTransactionID) {
        clientCalls.call(transaction: transaction)?.receivedResponse(response)
    }

    func clientTimedOut(_ transaction: SIPClientTransactionID) {
        clientCalls.call(transaction: transaction)?.timedOut()
    }

    /// A 2xx retransmitted after the transaction ended (RFC 6026): ACK it again.
    func strayResponse(_ response: SIPResponse) {
        guard response.statusCode >= 200, response.statusCode < 300, response.cseq?.method == .invite,
            let callID = response.callID, let tag = response.headers.to?.tag,
            let call = clientCalls.call(key: SIPCallTable.key(callID: callID, remoteTag: tag))
        else { return }
        sendACK(for: call, response: response)
    }

    func track(_ call: SIPClientCall, remoteTag: String) {
        clientCalls.insert(call, key: SIPCallTable.key(callID: call.callID, remoteTag: remoteTag))
    }

    func forget(_ call: SIPClientCall) {
        clientCalls.remove(call)
    }

    func sendACK(for call: SIPClientCall, response: SIPResponse) {
        guard let dialog = call.state.withLock({ $0.dialog }), let cseq = call.invite.cseq else { return }
        var via = SIPVia(transport: call.peer.transport.rawValue, host: configuration.contactHost, port: configuration.contactPort)
        via.parameters.set("branch", SIPVia.magicCookie + SIPTag.random())
        let ack = dialog.makeACK(forInviteSequence: cseq.sequence, via: via)
        let now = timers.now
        let (_, actions) = layer.withLock { $0.sendRequest(ack, to: call.peer, now: now) }
        perform(actions)
    }

    /// CANCEL (RFC 3261 §9.1) for an unanswered leg: same branch as the INVITE, which the layer knows.
    func sendCANCEL(for call: SIPClientCall) {
        guard let sent = call.state.withLock({ $0.transaction }).flatMap({ id in layer.withLock { $0.clientTransaction(id)?.request } })
        else { return }
        let cancel = sent.makeCANCEL()
        let now = timers.now
        let (_, actions) = layer.withLock { $0.sendRequest(cancel, to: call.peer, now: now) }
        perform(actions)
    }
}
