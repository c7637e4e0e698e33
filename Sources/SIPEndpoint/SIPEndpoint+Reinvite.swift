import Foundation
import SDP
import SIPMessage
import SIPStack
import SwitchCore
import Synchronization

/// A call leg that can take a new offer in its dialog (both UAS and UAC legs).
protocol SIPReinvitableLeg: SIPDialogLeg {
    var mediaLeg: (any SIPMediaLeg)? { get }
    var localContact: SIPNameAddress { get }
    /// Answers `offer` with the leg's negotiator (o= versions continue); nil when nothing is acceptable.
    func answerReoffer(_ offer: SessionDescription) -> SDPAnswer?
    func holdChanged(_ held: Bool)
}

extension SIPEndpoint {
    /// A re-INVITE (RFC 3261 §14.2) in a call we know: the new offer is answered on the same RTP port, the media
    /// is pointed at the new address, and `sendonly`/`inactive`/`c=0.0.0.0` is reported as hold (RFC 3264 §8.4),
    /// `sendrecv` again as unhold. An unacceptable offer gets 488 and the call goes on as before (§14.2);
    /// unknown dialogs get 481 (§12.2.2). Over UDP the 2xx is retransmitted until its ACK (§13.3.1.4).
    func handleReinvite(_ request: SIPRequest, id: SIPServerTransactionID) {
        guard let callID = request.callID, let remoteTag = request.headers.from?.tag else {
            respond(SIPResponse(replyingTo: request, statusCode: 481), to: id)
            return
        }
        let key = SIPCallTable.key(callID: callID, remoteTag: remoteTag)
        let leg: (any SIPReinvitableLeg)? = calls.call(key: key) ?? clientCalls.call(key: key)
        guard let leg else {
            respond(SIPResponse(replyingTo: request, statusCode: 481), to: id)
            return
        }
        guard !request.body.isEmpty else {
            // An offerless re-INVITE would need our offer in the 2xx and the answer in the ACK; not supported.
            respond(SIPResponse(replyingTo: request, statusCode: 488), to: id)
            return
        }
        guard let text = String(validating: request.body, as: UTF8.self), let offer = try? SessionDescription(parsing: text),
            let answer = leg.answerReoffer(offer)
        else {
            var response = SIPResponse(replyingTo: request, statusCode: 488)
            response.headers.add("Warning", "304 switchboard \"Media type not available\"")
            respond(response, to: id)
            return
        }
        leg.mediaLeg?.start(answer.media)
        var ok = SIPResponse(replyingTo: request, statusCode: 200)
        ok.headers.add("Contact", leg.localContact.description)
        ok.headers.add("Content-Type", "application/sdp")
        ok.body = Array(answer.description.serialize().utf8)
        respond(ok, to: id)
        leg.holdChanged(answer.media.isRemoteHold)
        retransmitReinviteResponse(ok, to: id, over: leg.peer, cseq: request.headers.cseq?.sequence ?? 0, callID: callID)
    }

    /// §13.3.1.4 for a re-INVITE's 2xx over UDP: resent with T1 doubling to T2 until the ACK with the same CSeq
    /// number arrives (`receivedReinviteACK`), for at most 64·T1.
    private func retransmitReinviteResponse(
        _ ok: SIPResponse, to id: SIPServerTransactionID, over peer: SIPPeer, cseq: UInt32, callID: String
    ) {
        guard peer.transport == .udp else { return }
        let key = "\(callID) \(cseq)"
        reinviteAwaitingACK.withLock { _ = $0.insert(key) }
        spawn { [weak self] in
            var interval = Duration.milliseconds(500)
            var waited = Duration.zero
            while waited < .seconds(32) {
                try? await Task.sleep(for: interval)
                waited += interval
                guard let self, self.reinviteAwaitingACK.withLock({ $0.contains(key) }) else { return }
                self.respond(ok, to: id)
                interval = min(interval * 2, .seconds(4))
            }
            self?.reinviteAwaitingACK.withLock { _ = $0.remove(key) }
        }
    }

    /// The ACK of a re-INVITE's 2xx stops its retransmission.
    func receivedReinviteACK(_ request: SIPRequest) {
        guard let callID = request.callID, let cseq = request.headers.cseq?.sequence else { return }
        reinviteAwaitingACK.withLock { _ = $0.remove("\(callID) \(cseq)") }
    }
}

extension SIPServerCall: SIPReinvitableLeg {
    var mediaLeg: (any SIPMediaLeg)? { media }
    var localContact: SIPNameAddress { contact }

    func answerReoffer(_ offer: SessionDescription) -> SDPAnswer? {
        guard let media else { return nil }
        let webRTC = media.webRTCTransport(answering: offer)
        return state.withLock { s in
            var negotiator = s.negotiator ?? SDPNegotiator(configuration: .init(
                localAddress: media.address, sessionID: String(UInt32.random(in: 1...UInt32.max))))
            defer { s.negotiator = negotiator }
            return try? negotiator.answer(toOffer: offer, localPort: UInt16(clamping: media.port), webRTC: webRTC)
        }
    }

    func holdChanged(_ held: Bool) {
        state.withLock { $0.onHoldChange }?(held)
    }
}

extension SIPClientCall: SIPReinvitableLeg {
    var mediaLeg: (any SIPMediaLeg)? { media }
    var localContact: SIPNameAddress { endpoint.contactAddress(for: peer, user: invite.headers.from?.uri.user ?? "") }

    func answerReoffer(_ offer: SessionDescription) -> SDPAnswer? {
        let webRTC = media.webRTCTransport(answering: offer)
        return state.withLock { s in
            try? s.negotiator.answer(toOffer: offer, localPort: UInt16(clamping: media.port), webRTC: webRTC)
        }
    }

    func holdChanged(_ held: Bool) {
        state.withLock { $0.onHoldChange }?(held)
    }
}
