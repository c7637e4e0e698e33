import Logging
import SDP
import SIPMessage
import SIPStack
import SwitchCore

extension SIPEndpoint {
    /// An initial INVITE (RFC 3261 §13.3): the offer must share a codec with us (else 488, RFC 3264 §6), then
    /// the dialplan decides. Calls arrive in the `public` context until caller authentication for local users
    /// lands with the call engine; a routed call whose applications this build cannot run fails the way
    /// FreeSWITCH fails an unknown application: DESTINATION_OUT_OF_ORDER (502).
    func handleInvite(_ request: SIPRequest, id: SIPServerTransactionID, from peer: SIPPeer) {
        if request.headers.to?.tag != nil {
            // A re-INVITE for a dialog we do not have (RFC 3261 §12.2.2).
            respond(SIPResponse(replyingTo: request, statusCode: 481), to: id)
            return
        }
        if let refusal = offerRefusal(request) {
            respond(refusal, to: id)
            return
        }
        let call = IncomingCall(profile: Self.callerProfile(of: request, from: peer), variables: Self.variables(of: request))
        guard let router = callRouter else {
            respond(Self.reply(request, cause: .destinationOutOfOrder), to: id)
            return
        }
        let logger = self.logger
        spawn { [weak self] in
            let routing = await router.route(call)
            let cause: HangupCause
            switch routing {
            case .reject(let c):
                cause = c
            case .execute(let applications):
                cause = .destinationOutOfOrder
                logger.notice("call routed, but its applications are not available in this build", metadata: [
                    "call-id": "\(request.callID ?? "")", "destination": "\(call.profile.destinationNumber)",
                    "applications": "\(applications.map(\.name).joined(separator: ","))"])
            }
            logger.info("call rejected", metadata: [
                "call-id": "\(request.callID ?? "")", "destination": "\(call.profile.destinationNumber)",
                "context": "\(call.profile.context)", "cause": "\(cause.name)"])
            self?.respond(Self.reply(request, cause: cause), to: id)
        }
    }

    /// 488 when the offer is malformed or shares no codec with our preference list; nil when acceptable.
    func offerRefusal(_ request: SIPRequest) -> SIPResponse? {
        guard !request.body.isEmpty else { return nil }  // late offer: the answer comes in the ACK
        guard let text = String(validating: request.body, as: UTF8.self),
            let offer = try? SessionDescription(parsing: text)
        else {
            return SIPResponse(replyingTo: request, statusCode: 488, reasonPhrase: "Malformed SDP", toTag: SIPTag.random())
        }
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "127.0.0.1", sessionID: "1"))
        do {
            _ = try negotiator.answer(toOffer: offer, localPort: 9)
            return nil
        } catch {
            var response = SIPResponse(replyingTo: request, statusCode: 488, toTag: SIPTag.random())
            response.headers.add("Warning", "304 switchboard \"Media type not available\"")
            return response
        }
    }

    static func reply(_ request: SIPRequest, cause: HangupCause) -> SIPResponse {
        var response = SIPResponse(replyingTo: request, statusCode: cause.sipStatus, toTag: SIPTag.random())
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
