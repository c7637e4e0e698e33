import Logging
import SDP
import SIPMessage
import SIPStack
import SwitchCore
import Synchronization

/// One outgoing call leg (UAC, RFC 3261 §13.2) to a registered contact: INVITE with our offer, provisional
/// responses, the dialog on 2xx (we send the ACK, §13.2.2.4), CANCEL before an answer, BYE after.
public final class SIPClientCall: Sendable {
    public enum Progress: Sendable, Equatable {
        case ringing
        case answered(NegotiatedMedia)
        case failed(HangupCause)
    }

    struct State: Sendable {
        var transaction: SIPClientTransactionID?
        var dialog: SIPDialog?
        var negotiator: SDPNegotiator
        var continuation: AsyncStream<Progress>.Continuation?
        var ended = false
        var remoteHangup = RemoteHangupSignal()
        var onHoldChange: (@Sendable (Bool) -> Void)?
    }

    let invite: SIPRequest
    let peer: SIPPeer
    public let media: any SIPMediaLeg
    let endpoint: SIPEndpoint
    let state: Mutex<State>
    /// Ringing, answered or failed, in order; finishes after the final response.
    public let progress: AsyncStream<Progress>

    init(invite: SIPRequest, peer: SIPPeer, media: any SIPMediaLeg, negotiator: SDPNegotiator, endpoint: SIPEndpoint) {
        self.invite = invite
        self.peer = peer
        self.media = media
        self.endpoint = endpoint
        let (stream, continuation) = AsyncStream<Progress>.makeStream()
        self.progress = stream
        self.state = Mutex(State(negotiator: negotiator, continuation: continuation))
    }

    public func onRemoteHangup(_ handler: @escaping @Sendable (HangupCause) -> Void) {
        if let unheard = state.withLock({ $0.remoteHangup.listen(handler) }) { handler(unheard) }
    }

    /// Called when a re-INVITE from the callee puts the call on hold (true) or takes it off (false).
    public func onHoldChange(_ handler: @escaping @Sendable (Bool) -> Void) {
        state.withLock { $0.onHoldChange = handler }
    }

    var callID: String { invite.callID ?? "" }

    func receivedResponse(_ response: SIPResponse) {
        if response.statusCode < 200 {
            if response.statusCode == 180 || response.statusCode == 183 { yield(.ringing) }
            return
        }
        guard response.statusCode < 300 else {
            finish(.failed(HangupCause(sipStatus: response.statusCode)))
            endpoint.forget(self)
            media.close()
            return
        }
        let answer = String(validating: response.body, as: UTF8.self).flatMap { try? SessionDescription(parsing: $0) }
        let negotiated = state.withLock { s -> NegotiatedMedia? in
            if s.dialog == nil { s.dialog = SIPDialog(uacRequest: invite, response: response) }
            guard let answer else { return nil }
            return try? s.negotiator.receivedAnswer(answer)
        }
        endpoint.sendACK(for: self, response: response)
        guard let negotiated else {
            finish(.failed(.incompatibleDestination))
            Task { await self.hangup(.incompatibleDestination) }
            return
        }
        if let tag = response.headers.to?.tag { endpoint.track(self, remoteTag: tag) }
        media.start(negotiated)
        finish(.answered(negotiated))
    }

    func timedOut() {
        finish(.failed(.noAnswer))
        endpoint.forget(self)
        media.close()
    }

    /// Ends the leg: CANCEL while unanswered, BYE once answered.
    public func hangup(_ cause: HangupCause) async {
        let (dialog, wasEnded) = state.withLock { s -> (SIPDialog?, Bool) in
            defer { s.ended = true }
            return (s.dialog, s.ended)
        }
        guard !wasEnded else { return }
        if dialog != nil {
            endpoint.sendBYE(for: self, cause: cause)
        } else {
            endpoint.sendCANCEL(for: self)
        }
        finish(.failed(cause))
        media.close()
        endpoint.forget(self)
    }

    /// The far end sent BYE.
    func remoteEnded(_ cause: HangupCause) {
        let handler = state.withLock { s -> (@Sendable (HangupCause) -> Void)? in
            s.ended = true
            return s.remoteHangup.fire(cause)
        }
        media.close()
        handler?(cause)
    }

    func takeDialogForRequest(_ method: SIPMethod, via: SIPVia) -> SIPRequest? {
        state.withLock { s in
            guard var dialog = s.dialog else { return nil }
            let request = dialog.makeRequest(method, via: via)
            s.dialog = dialog
            return request
        }
    }

    private func yield(_ p: Progress) {
        _ = state.withLock { $0.continuation?.yield(p) }
    }

    private func finish(_ p: Progress) {
        let continuation = state.withLock { s -> AsyncStream<Progress>.Continuation? in
            defer { s.continuation = nil }
            return s.continuation
        }
        continuation?.yield(p)
        continuation?.finish()
    }
}
