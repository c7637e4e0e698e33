import Foundation
import SDP
import SwitchCore
import Verto
import VertoEndpoint

/// Detached calls and their reattach (compat §1.9). When a client's socket drops, its answered calls stay up
/// with media paused (the WebRTC leg stops sending and stops checking consent). When the same sessid logs in
/// again, each call gets a new offer on the same leg (new ICE credentials, a new DTLS handshake in the role the
/// answer gives us) in `verto.attach`; the client's `verto.attach` answer resumes the media. The session, its
/// bridge and its dialplan never notice.
extension VertoService {
    /// The WebRTC leg of a call of either direction (from the browser, or offered to it and answered).
    func webRTCLeg(_ callID: String) -> RTPMediaLeg? {
        active[callID]?.media ?? (browserCalls[callID]?.media as? RTPMediaLeg)
    }

    func callDetached(_ callID: String) {
        reattachOffers[callID] = nil
        webRTCLeg(callID)?.suspendTransport()
        logger.info("verto call detached: waiting for the client to log in again", metadata: ["call-id": "\(callID)"])
    }

    /// A detached call now belongs to a new connection: offer it the leg again.
    func offerReattach(_ callID: String) async {
        guard let leg = webRTCLeg(callID) else {
            logger.warning("verto reattach for a call without media", metadata: ["call-id": "\(callID)"])
            perform(hub.callEnded(callID, cause: .normalTemporaryFailure))
            return
        }
        leg.restartTransport()
        var negotiator = SDPNegotiator(configuration: .init(
            localAddress: leg.address, sessionID: String(UInt32.random(in: 1...UInt32.max))))
        let offer = negotiator.makeOffer(localPort: UInt16(clamping: leg.port), webRTC: leg.webRTCTransport)
        reattachOffers[callID] = negotiator
        var params = ServerAttachParams(callID: callID, sdp: offer.serialize())
        if let session = active[callID]?.session {
            let profile = await session.callerProfile()
            params.callerIDName = profile.callerIDName
            params.callerIDNumber = profile.callerIDNumber
            params.calleeIDNumber = profile.destinationNumber
            params.displayDirection = "outbound"
        } else {
            params.displayDirection = "inbound"
        }
        logger.info("verto call reattaching", metadata: ["call-id": "\(callID)"])
        signal(.attach(params))
    }

    /// The client's `verto.attach` answer to our reattach offer: media resumes on the new peer connection.
    func reattachAnswered(_ callID: String, sdp: String) {
        guard var negotiator = reattachOffers.removeValue(forKey: callID), let leg = webRTCLeg(callID) else {
            logger.notice("verto.attach without a pending reattach offer", metadata: ["call-id": "\(callID)"])
            return
        }
        guard let answer = try? SessionDescription(parsing: sdp), let media = try? negotiator.receivedAnswer(answer)
        else {
            logger.notice("verto.attach answer not acceptable, hanging up", metadata: ["call-id": "\(callID)"])
            hangUpReattached(callID, cause: .incompatibleDestination)
            return
        }
        leg.start(media)
        logger.info("verto call reattached", metadata: ["call-id": "\(callID)"])
    }

    private func hangUpReattached(_ callID: String, cause: HangupCause) {
        if let call = active[callID] { Task { await call.session.hangup(cause) } }
        if let offered = browserCalls[callID] { Task { await offered.hangup(cause) } }
    }
}
