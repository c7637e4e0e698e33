import Foundation
import SDP
import SIPEndpoint
import SwitchCore
import Synchronization
import Verto
import VertoEndpoint

/// A call the switch offers to one browser over Verto (`verto.invite` with our WebRTC offer): it rings at once,
/// is answered by the client's `verto.answer` (its SDP completes our offer), and ends with `verto.bye` either way.
final class VertoBrowserCall: OutboundCall {
    private struct Handlers: Sendable {
        var remoteHangup: (@Sendable (HangupCause) -> Void)?
        var holdChange: (@Sendable (Bool) -> Void)?
    }

    private struct State: Sendable {
        var negotiator: SDPNegotiator
        var continuation: AsyncStream<SIPClientCall.Progress>.Continuation?
        var answered = false
        var ended = false
        var handlers = Handlers()
    }

    let callID: String
    let media: any SIPMediaLeg
    let progress: AsyncStream<SIPClientCall.Progress>
    private let state: Mutex<State>
    private let service: VertoService

    init(callID: String, media: any SIPMediaLeg, negotiator: SDPNegotiator, service: VertoService) {
        self.callID = callID
        self.media = media
        self.service = service
        let (stream, continuation) = AsyncStream<SIPClientCall.Progress>.makeStream()
        progress = stream
        state = Mutex(State(negotiator: negotiator, continuation: continuation))
    }

    func onRemoteHangup(_ handler: @escaping @Sendable (HangupCause) -> Void) {
        state.withLock { $0.handlers.remoteHangup = handler }
    }

    func onHoldChange(_ handler: @escaping @Sendable (Bool) -> Void) {
        state.withLock { $0.handlers.holdChange = handler }
    }

    func ringing() {
        _ = state.withLock { $0.continuation?.yield(.ringing) }
    }

    /// The client's `verto.answer`: its SDP answers our offer; media starts.
    func answered(sdp: String) {
        let negotiated = state.withLock { s -> NegotiatedMedia? in
            guard !s.ended, !s.answered, let answer = try? SessionDescription(parsing: sdp) else { return nil }
            s.answered = true
            return try? s.negotiator.receivedAnswer(answer)
        }
        guard let negotiated else {
            Task { await hangup(.incompatibleDestination) }
            return
        }
        media.start(negotiated)
        finish(.answered(negotiated))
    }

    /// The client hung up (`verto.bye`) or the engine gave up on the connection.
    func remoteHangup(_ cause: HangupCause) {
        let (wasAnswered, handler) = state.withLock { s -> (Bool, (@Sendable (HangupCause) -> Void)?) in
            s.ended = true
            return (s.answered, s.handlers.remoteHangup)
        }
        media.close()
        if wasAnswered { handler?(cause) } else { finish(.failed(cause)) }
    }

    func holdChanged(_ held: Bool) {
        state.withLock { $0.handlers.holdChange }?(held)
    }

    /// Our side ends it: `verto.bye` to the client (a CANCEL while it rings).
    func hangup(_ cause: HangupCause) async {
        let first = state.withLock { s -> Bool in
            defer { s.ended = true }
            return !s.ended
        }
        guard first else { return }
        finish(.failed(cause))
        media.close()
        await service.browserCallEnded(callID, cause: cause)
    }

    private func finish(_ progress: SIPClientCall.Progress) {
        let continuation = state.withLock { s in
            defer { s.continuation = nil }
            return s.continuation
        }
        continuation?.yield(progress)
        continuation?.finish()
    }
}

extension VertoService: BrowserDialer {
    /// Offers a call to every Verto connection logged in as `user@domain` (`user/…` bridges, compat §1.11).
    func dial(
        user: String, domain: String, callerName: String, callerNumber: String, opusSampleRate: Int?
    ) async -> [any OutboundCall] {
        guard let engine = callEngine else { return [] }
        var calls: [any OutboundCall] = []
        for connection in hub.connections(forLogin: "\(user)@\(domain)") {
            guard let leg = try? await engine.media.openWebRTCLeg(uuid: UUID().uuidString) as? RTPMediaLeg else { continue }
            var configuration = SDPNegotiator.Configuration(
                localAddress: leg.address, sessionID: String(UInt32.random(in: 1...UInt32.max)))
            if let opusSampleRate {
                configuration.webRTCCodecs = configuration.webRTCCodecs.map { $0.limitingOpusAudio(toSampleRate: opusSampleRate) }
            }
            var negotiator = SDPNegotiator(configuration: configuration)
            let offer = negotiator.makeOffer(localPort: UInt16(clamping: leg.port), webRTC: leg.webRTCTransport)
            let callID = UUID().uuidString.lowercased()
            let call = VertoBrowserCall(callID: callID, media: leg, negotiator: negotiator, service: self)
            browserCalls[callID] = call
            perform(hub.offerCall(
                ServerInviteParams(
                    callID: callID, sdp: offer.serialize(), callerIDName: callerName, callerIDNumber: callerNumber,
                    calleeIDName: user, calleeIDNumber: user),
                to: connection))
            call.ringing()
            calls.append(call)
        }
        return calls
    }

    func browserCallEnded(_ callID: String, cause: HangupCause) {
        browserCalls[callID] = nil
        perform(hub.callEnded(callID, cause: cause))
    }
}
