import Logging
import SDP
import SIPMessage
import SIPStack
import SwitchCore
import Synchronization

/// The SIP side of one incoming call (UAS, RFC 3261 §13.3): provisional and final responses through the
/// INVITE server transaction, the dialog once answered, 2xx retransmission until the ACK (§13.3.1.4,
/// RFC 6026), BYE in both directions and CANCEL. It is the `ChannelDriver` the switch's `Session` drives.
public final class SIPServerCall: ChannelDriver {
    enum Phase: Sendable {
        case proceeding
        case early
        case answered
        case confirmed
        case ended
    }

    struct State: Sendable {
        var phase: Phase = .proceeding
        var dialog: SIPDialog?
        var answerSent: SIPResponse?
        var remoteHangup = RemoteHangupSignal()
        var onHoldChange: (@Sendable (Bool) -> Void)?
        /// The offer/answer state of the call's media, for re-INVITEs (o= versions continue).
        var negotiator: SDPNegotiator?
        /// Our answer to the INVITE's offer, sent with the 183 or the 200.
        var answer: SDPAnswer?
    }

    public let uuid: String
    let invite: SIPRequest
    let transaction: SIPServerTransactionID
    let peer: SIPPeer
    let localTag: String
    /// Our answer to the INVITE's offer (nil for a late offer).
    var answer: SDPAnswer? { state.withLock { $0.answer } }
    /// The codec our answer chose (`PCMU`, `opus`, …); nil for a late offer.
    public var answeredEncodingName: String? { answer?.media.encodingName }
    let media: (any SIPMediaLeg)?
    let contact: SIPNameAddress
    let endpoint: SIPEndpoint
    let state = Mutex(State())

    init(
        uuid: String, invite: SIPRequest, transaction: SIPServerTransactionID, peer: SIPPeer, answer: SDPAnswer?,
        negotiator: SDPNegotiator? = nil, media: (any SIPMediaLeg)?, contact: SIPNameAddress, endpoint: SIPEndpoint
    ) {
        self.uuid = uuid
        self.invite = invite
        self.transaction = transaction
        self.peer = peer
        self.localTag = SIPTag.random()
        self.media = media
        self.contact = contact
        self.endpoint = endpoint
        state.withLock {
            $0.negotiator = negotiator
            $0.answer = answer
        }
    }

    /// Before the answer goes out: asks the caller's Opus encoder for audio no wider than `sampleRate`
    /// (RFC 7587 `maxplaybackrate`, ``SDPNegotiator/limitingOpusAudio(of:toSampleRate:)``), for a call whose
    /// audio is transcoded to G.711 anyway. Nothing changes once a 183 or 200 carried the answer, or when the
    /// answer is not Opus.
    public func limitOpusAudio(toSampleRate sampleRate: Int) {
        state.withLock { s in
            guard s.phase == .proceeding, let answer = s.answer, var negotiator = s.negotiator else { return }
            s.answer = negotiator.limitingOpusAudio(of: answer, toSampleRate: sampleRate)
            s.negotiator = negotiator
        }
    }

    /// Called once when the far end ends the call (BYE, CANCEL) so the session hangs up too.
    public func onRemoteHangup(_ handler: @escaping @Sendable (HangupCause) -> Void) {
        if let unheard = state.withLock({ $0.remoteHangup.listen(handler) }) { handler(unheard) }
    }

    /// Called when a re-INVITE puts the call on hold (true) or takes it off (false).
    public func onHoldChange(_ handler: @escaping @Sendable (Bool) -> Void) {
        state.withLock { $0.onHoldChange = handler }
    }

    // MARK: ChannelDriver

    public func ringReady() async throws {
        guard state.withLock({ $0.phase == .proceeding }) else { return }
        endpoint.respond(response(180), to: transaction)
    }

    public func preAnswer() async throws {
        let proceed = state.withLock { s -> Bool in
            guard s.phase == .proceeding else { return false }
            s.phase = .early
            return true
        }
        guard proceed else { return }
        if let answer { media?.start(answer.media) }
        endpoint.respond(response(183, sdp: true), to: transaction)
    }

    public func answer() async throws {
        let ok = response(200, sdp: true)
        let dialog = SIPDialog(uasRequest: invite, response: ok, receivedOver: peer.transport, localContact: contact)
        let proceed = state.withLock { s -> Bool in
            guard s.phase == .proceeding || s.phase == .early else { return false }
            s.phase = .answered
            s.dialog = dialog
            s.answerSent = ok
            return true
        }
        guard proceed else { return }
        if let answer { media?.start(answer.media) }
        endpoint.respond(ok, to: transaction)
        endpoint.retransmitUntilACK(self)
    }

    public func hangup(_ cause: HangupCause) async {
        let previous = state.withLock { s -> Phase in
            let p = s.phase
            s.phase = .ended
            return p
        }
        media?.close()
        switch previous {
        case .proceeding, .early:
            endpoint.respond(SIPEndpoint.reply(invite, cause: cause, toTag: localTag), to: transaction)
        case .answered, .confirmed:
            endpoint.sendBYE(for: self, cause: cause)
        case .ended:
            break
        }
        endpoint.forget(self)
    }

    // MARK: From the far end

    /// ACK for our 2xx: the dialog is confirmed and retransmission stops.
    func receivedACK() {
        let confirmed = state.withLock { s -> Bool in
            guard s.phase == .answered else { return false }
            s.phase = .confirmed
            return true
        }
        if confirmed { endpoint.stopOKRetransmission(self) }
    }

    /// BYE or CANCEL ended the call on the far side. After a BYE nothing more is sent in the dialog; after
    /// a CANCEL the session's hangup answers the INVITE (487 for ORIGINATOR_CANCEL).
    func remoteEnded(_ cause: HangupCause, dialogEnded: Bool = false) {
        let handler = state.withLock { s -> (@Sendable (HangupCause) -> Void)? in
            if dialogEnded { s.phase = .ended }
            return s.remoteHangup.fire(cause)
        }
        if dialogEnded { media?.close() }
        handler?(cause)
    }

    var phase: Phase { state.withLock { $0.phase } }

    func takeDialogForRequest(_ method: SIPMethod, via: SIPVia) -> SIPRequest? {
        state.withLock { s in
            guard var dialog = s.dialog else { return nil }
            let request = dialog.makeRequest(method, via: via)
            s.dialog = dialog
            return request
        }
    }

    func response(_ status: Int, sdp: Bool = false) -> SIPResponse {
        var r = SIPResponse(replyingTo: invite, statusCode: status, toTag: localTag)
        r.headers.add("Contact", contact.description)
        if sdp, let answer {
            r.headers.add("Content-Type", "application/sdp")
            r.body = Array(answer.description.serialize().utf8)
        }
        return r
    }
}
