import Logging
import SDP
import SIPMessage
import SIPStack
import SwitchCore

extension SIPEndpoint {
    /// An initial INVITE (RFC 3261 §13.3). The offer must share a codec with us (else 488, RFC 3264 §6); a
    /// caller claiming a local user must authenticate (407) and is routed in that user's context, anyone else
    /// in `public`; then the dialplan decides and the switch runs the call over a `SIPServerCall`.
    func handleInvite(_ request: SIPRequest, id: SIPServerTransactionID, from peer: SIPPeer) {
        if request.headers.to?.tag != nil {
            handleReinvite(request, id: id)
            return
        }
        let offer: SIPOffer
        switch checkOffer(request) {
        case .refuse(let refusal):
            respond(refusal, to: id)
            return
        case .accept(let accepted):
            offer = accepted
        }
        let registrar = self.registrar
        spawn { [weak self] in
            guard let self else { return }
            var call = IncomingCall(profile: Self.callerProfile(of: request, from: peer), variables: Self.variables(of: request))
            switch registrar.authorizeCaller(request, from: peer) {
            case .challenge(let response), .refuse(let response):
                self.respond(response, to: id)
                return
            case .authorized(let user):
                call.profile.context = user.context
                call.profile.username = user.id
                if let name = user.callerIDName { call.profile.callerIDName = name }
                call.variables["user_name"] = user.id
                call.variables["domain_name"] = user.domain
                call.variables["presence_id"] = "\(user.id)@\(user.domain)"
            case .anonymous:
                break
            }
            await self.routeAndRun(call, request: request, offer: offer, id: id, from: peer)
        }
    }

    private func routeAndRun(
        _ call: IncomingCall, request: SIPRequest, offer: SIPOffer, id: SIPServerTransactionID, from peer: SIPPeer
    ) async {
        var callCreated = false
        defer { if !callCreated { calls.discardCancel(transaction: id) } }
        guard let router = callRouter else {
            respond(Self.reply(request, cause: .destinationOutOfOrder), to: id)
            return
        }
        let routing = await router.route(call)
        guard case .execute(let applications) = routing else {
            let cause: HangupCause
            if case .reject(let c) = routing { cause = c } else { cause = .destinationOutOfOrder }
            logger.info("call rejected", metadata: [
                "call-id": "\(request.callID ?? "")", "destination": "\(call.profile.destinationNumber)",
                "context": "\(call.profile.context)", "cause": "\(cause.name)"])
            respond(Self.reply(request, cause: cause), to: id)
            return
        }
        guard let leg = await openMediaLeg(webRTC: offer.isWebRTC) else {
            respond(Self.reply(request, cause: .normalTemporaryFailure), to: id)
            return
        }
        var negotiator = SDPNegotiator(configuration: .init(
            localAddress: leg.address, sessionID: String(UInt32.random(in: 1...UInt32.max))))
        let answer = offer.description.flatMap {
            try? negotiator.answer(toOffer: $0, localPort: UInt16(clamping: leg.port), webRTC: leg.webRTCTransport)
        }
        var call = call
        if let media = answer?.media {
            // FreeSWITCH's codec variables (the CDR's read/write codec).
            for prefix in ["read", "write"] {
                call.variables["\(prefix)_codec"] = media.encodingName.uppercased()
                call.variables["\(prefix)_rate"] = String(media.clockRate)
            }
            call.variables["remote_media_ip"] = media.remoteAddress
            call.variables["remote_media_port"] = String(media.remotePort)
        }
        let serverCall = SIPServerCall(
            uuid: SIPTag.random(), invite: request, transaction: id, peer: peer, answer: answer,
            negotiator: negotiator, media: leg,
            contact: contactAddress(for: peer, user: call.profile.destinationNumber), endpoint: self)
        endCallOnMediaFailure(serverCall, leg: leg)
        callCreated = true
        if let callID = request.callID, let tag = request.headers.from?.tag,
            calls.insert(serverCall, key: SIPCallTable.key(callID: callID, remoteTag: tag))
        {
            serverCall.remoteEnded(.originatorCancel)   // cancelled while it was being routed
        }
        logger.info("call routed", metadata: [
            "call-id": "\(request.callID ?? "")", "destination": "\(call.profile.destinationNumber)",
            "context": "\(call.profile.context)", "applications": "\(applications.map(\.name).joined(separator: ","))"])
        await router.run(call, applications: applications, driver: serverCall, media: leg)
        if serverCall.phase != .ended { await serverCall.hangup(.normalClearing) }
    }

    func contactAddress(for peer: SIPPeer, user: String) -> SIPNameAddress {
        var uri = SIPURI(scheme: .sip, user: user.isEmpty ? nil : user, host: configuration.contactHost, port: configuration.contactPort)
        if peer.transport != .udp { uri.parameters.set("transport", peer.transport.rawValue.lowercased()) }
        return SIPNameAddress(uri: uri)
    }

    /// 488 when the offer is malformed or shares no codec with our preference list; nil when acceptable.
    /// The INVITE's offer, parsed and tried once (with a stand-in transport): acceptable (and whether it asks
    /// for WebRTC), or the 488 to send. No body is a late offer: the answer comes in the ACK.
    func checkOffer(_ request: SIPRequest) -> SIPOfferCheck {
        guard !request.body.isEmpty else { return .accept(SIPOffer(description: nil, isWebRTC: false)) }
        guard let text = String(validating: request.body, as: UTF8.self),
            let offer = try? SessionDescription(parsing: text)
        else {
            return .refuse(
                SIPResponse(replyingTo: request, statusCode: 488, reasonPhrase: "Malformed SDP", toTag: SIPTag.random()))
        }
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "127.0.0.1", sessionID: "1"))
        do {
            let trial = try negotiator.answer(toOffer: offer, localPort: 9, webRTC: trialTransport)
            return .accept(SIPOffer(description: offer, isWebRTC: trial.media.isWebRTC))
        } catch {
            var response = SIPResponse(replyingTo: request, statusCode: 488, toTag: SIPTag.random())
            response.headers.add("Warning", "304 switchboard \"Media type not available\"")
            return .refuse(response)
        }
    }

    static func reply(_ request: SIPRequest, cause: HangupCause, toTag: String = SIPTag.random()) -> SIPResponse {
        var response = SIPResponse(replyingTo: request, statusCode: cause.sipStatus, toTag: toTag)
        response.headers.add("Reason", "Q.850;cause=\(cause.q850);text=\"\(cause.name)\"")
        return response
    }

    /// The caller profile FreeSWITCH builds from an INVITE (compat §2.2 field names).
    static func callerProfile(of request: SIPRequest, from peer: SIPPeer) -> CallerProfile {
        let from = request.headers.from
        let number = from?.uri.user ?? "0000000000"
        return CallerProfile(
            destinationNumber: request.uri.user ?? "", callerIDName: from?.displayName ?? number,
            callerIDNumber: number, ani: number, rdnis: "", networkAddress: peer.host, context: "public",
            dialplan: "XML", uuid: "", username: "", source: "mod_sofia",
            channelName: "sofia/internal/\(number)@\(from?.uri.host ?? peer.host)")
    }

    static func variables(of request: SIPRequest) -> [String: String] {
        var variables: [String: String] = [:]
        if let from = request.headers.from {
            variables["sip_from_user"] = from.uri.user ?? ""
            variables["sip_from_host"] = from.uri.host
        }
        if let to = request.headers.to {
            variables["sip_to_user"] = to.uri.user ?? ""
            variables["sip_to_host"] = to.uri.host
        }
        variables["sip_call_id"] = request.callID ?? ""
        return variables
    }
}

/// An INVITE's offer once checked: its parsed description (nil for a late offer) and whether it asks for WebRTC.
struct SIPOffer: Sendable {
    var description: SessionDescription?
    var isWebRTC: Bool
}

enum SIPOfferCheck: Sendable {
    case accept(SIPOffer)
    case refuse(SIPResponse)
}
