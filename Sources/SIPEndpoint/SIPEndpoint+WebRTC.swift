import SDP
import SIPMessage
import SwitchCore

/// WebRTC callers (SIP over WebSocket with a `UDP/TLS/RTP/SAVPF` offer): the media provider opens a WebRTC
/// leg, and the answer carries that leg's ICE credentials, candidates and certificate fingerprint.
extension SIPEndpoint {
    /// Stands in for a leg's transport when we only check whether an offer is acceptable (`checkOffer`) or
    /// would be answered as WebRTC; never sent.
    static let trialWebRTCTransport = SDPWebRTCTransport(
        iceUfrag: "tria", icePwd: "trialtrialtrialtrialtrial",
        fingerprints: [SDPFingerprint(hashFunction: "sha-256", digest: [UInt8](repeating: 0, count: 32))!])

    /// The transport to check offers with: the trial one when the provider can open WebRTC legs.
    var trialTransport: SDPWebRTCTransport? {
        mediaProvider?.supportsWebRTC == true ? Self.trialWebRTCTransport : nil
    }

    /// A media leg of the kind the offer asks for (WebRTC or plain RTP); `nil` when none can be opened.
    func openMediaLeg(webRTC: Bool) async -> (any SIPMediaLeg)? {
        guard let mediaProvider else { return nil }
        if webRTC {
            return try? await mediaProvider.openWebRTCLeg(uuid: SIPTag.random())
        }
        return try? await mediaProvider.openLeg(uuid: SIPTag.random())
    }

    /// A leg whose media dies on its own (ICE consent lost, DTLS failed) ends the call with the leg's cause:
    /// the session hangs up as if the far end had, and sends BYE with that cause.
    func endCallOnMediaFailure(_ call: SIPServerCall, leg: any SIPMediaLeg) {
        leg.onMediaFailure { [weak call] cause in call?.remoteEnded(cause) }
    }
}
