import Foundation
import SDP
import SIPEndpoint
import SwitchCore
import Synchronization
import Verto
import VertoEndpoint

/// Calls from browsers over Verto: each `verto.invite` gets a WebRTC leg (ICE-lite, DTLS-SRTP, Opus) answered
/// against the browser's offer, a `Session` driven by `VertoChannelDriver`, and the dialplan of the user's context,
/// run by the same executor as SIP calls.
extension VertoService {
    struct VertoCall: Sendable {
        let session: Session
        let media: RTPMediaLeg
    }

    /// A client's `verto.invite`: sets the call up in the background; the engine has already replied.
    func startCall(_ call: VertoNewCall) {
        Task { await self.placeCall(call) }
    }

    private func placeCall(_ call: VertoNewCall) async {
        guard let calls = callEngine else {
            logger.warning("verto.invite refused: no call engine", metadata: ["call-id": "\(call.callID)"])
            perform(hub.callEnded(call.callID, cause: .bearerCapabilityNotImpl))
            return
        }
        guard let leg = try? await calls.media.openWebRTCLeg(uuid: call.callID) as? RTPMediaLeg,
            let offer = try? SessionDescription(parsing: call.sdp)
        else {
            perform(hub.callEnded(call.callID, cause: .normalTemporaryFailure))
            return
        }
        var negotiator = SDPNegotiator(configuration: .init(
            localAddress: leg.address, sessionID: String(UInt32.random(in: 1...UInt32.max))))
        guard let answer = try? negotiator.answer(
            toOffer: offer, localPort: UInt16(clamping: leg.port), webRTC: leg.webRTCTransport)
        else {
            logger.notice("verto.invite: no acceptable media in the offer", metadata: ["call-id": "\(call.callID)"])
            leg.close()
            perform(hub.callEnded(call.callID, cause: .incompatibleDestination))
            return
        }
        leg.start(answer.media)
        let session = makeSession(call, leg: leg, answer: answer, negotiator: negotiator, executor: calls.executor)
        active[call.callID] = VertoCall(session: session, media: leg)
        let profile = await session.callerProfile()
        logger.info("verto call routed", metadata: [
            "call-id": "\(call.callID)", "destination": "\(profile.destinationNumber)", "context": "\(profile.context)"])
        let snapshot = await session.snapshot()
        var variables: [String: String] = [:]
        for name in snapshot.variables.names { variables[name] = snapshot.variables[name] }
        switch calls.executor.hunt?(profile, variables) ?? .reject(.destinationOutOfOrder) {
        case .execute(let applications):
            await calls.executor.runInbound(session, media: leg, applications: applications)
        case .reject(let cause):
            await calls.executor.runInbound(session, media: leg, applications: [ApplicationInvocation("hangup", cause.name)])
        }
        active[call.callID] = nil
    }

    private func makeSession(
        _ call: VertoNewCall, leg: RTPMediaLeg, answer: SDPAnswer, negotiator: SDPNegotiator, executor: CallExecutor
    ) -> Session {
        let user = call.identity.user
        let record = directory.user(user, domain: call.identity.domain)
        let params = call.dialogParams
        let profile = CallerProfile(
            destinationNumber: params.destinationNumber ?? "", callerIDName: params.callerIDName ?? user,
            callerIDNumber: params.callerIDNumber ?? user, ani: user, networkAddress: "",
            context: record?.context ?? "default", dialplan: "XML", uuid: "", username: user, source: "mod_verto",
            channelName: "verto.rtc/\(params.destinationNumber ?? "")")
        var variables = ChannelVariables()
        variables.set("verto_user", user)
        variables.set("verto_login", call.identity.login)
        variables.set("presence_id", call.identity.login)
        variables.set("user_name", user)
        variables.set("domain_name", call.identity.domain)
        variables.set("event_channel_cookie", call.sessid)
        variables.set("verto_callid", call.callID, origin: .caller)
        if let record { for (name, value) in record.variables { variables.set(name, value) } }
        let driver = VertoChannelDriver(callID: call.callID, answer: answer, negotiator: negotiator, service: self)
        return Session(
            uuid: UUID().uuidString.lowercased(), direction: .inbound, profile: profile, variables: variables,
            driver: driver, media: leg, environment: executor.environment)
    }

    /// The engine's actions on a call: the client hung up, sent DTMF, or (un)held.
    func callAction(_ action: VertoAction) {
        switch action {
        case .hangUp(let callID, let cause):
            if let call = active[callID] { Task { await call.session.hangup(cause) } }
            if let offered = browserCalls.removeValue(forKey: callID) { offered.remoteHangup(cause) }
        case .answerCall(let callID, let sdp, _):
            browserCalls[callID]?.answered(sdp: sdp)
        case .sendDTMF(let callID, let digits):
            if let call = active[callID] { for digit in digits { call.media.receivedDTMF(digit) } }
        case .holdCall(let callID, let held):
            if let call = active[callID] { Task { await call.session.receivedHold(held) } }
            browserCalls[callID]?.holdChanged(held)
        case .callDetached(let callID):
            callDetached(callID)
        case .reattachCall(let callID, _):
            Task { await self.offerReattach(callID) }
        case .attachAnswered(let callID, let sdp):
            reattachAnswered(callID, sdp: sdp)
        case .channelsSubscribed(let channels, let connection):
            guard let sessid = hub.connection(connection)?.sessid else { return }
            for channel in channels {
                for publication in presence.refresh(channel, sessid: sessid) { perform(hub.publish(publication)) }
            }
        default:
            logger.debug("verto action not handled", metadata: ["action": "\(action)"])
        }
    }

    /// Signals from a call's driver (answer, early media, our hangup).
    func signal(_ signal: VertoCallSignal) {
        perform(hub.signal(signal))
    }

    func callEndedBySwitch(_ callID: String, cause: HangupCause) {
        perform(hub.callEnded(callID, cause: cause))
    }
}

/// The signalling side of a browser leg: answer and early media carry our SDP answer to the client
/// (`verto.answer` / `verto.media`), hangup sends `verto.bye`.
final class VertoChannelDriver: ChannelDriver, OpusAudioLimiting {
    /// Our answer to the browser's offer, until `verto.media` or `verto.answer` carried it.
    struct PendingAnswer: Sendable {
        var answer: SDPAnswer
        var negotiator: SDPNegotiator
        var sent = false
    }

    let callID: String
    let service: VertoService
    private let pending: Mutex<PendingAnswer>

    init(callID: String, answer: SDPAnswer, negotiator: SDPNegotiator, service: VertoService) {
        self.callID = callID
        self.service = service
        pending = Mutex(PendingAnswer(answer: answer, negotiator: negotiator))
    }

    /// The answer as it goes out now; later calls to ``limitOpusAudio(toSampleRate:)`` change nothing.
    private func sendingAnswer() -> String {
        pending.withLock { p in
            p.sent = true
            return p.answer.description.serialize()
        }
    }

    var answeredEncodingName: String? { pending.withLock { $0.answer.media.encodingName } }

    func limitOpusAudio(toSampleRate sampleRate: Int) {
        pending.withLock { p in
            guard !p.sent else { return }
            p.answer = p.negotiator.limitingOpusAudio(of: p.answer, toSampleRate: sampleRate)
        }
    }

    func ringReady() async throws {}

    func preAnswer() async throws {
        await service.signal(.media(ServerMediaParams(callID: callID, sdp: sendingAnswer())))
    }

    func answer() async throws {
        await service.signal(.answer(ServerAnswerParams(callID: callID, sdp: sendingAnswer())))
    }

    func hangup(_ cause: HangupCause) async {
        await service.callEndedBySwitch(callID, cause: cause)
    }
}
