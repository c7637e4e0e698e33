import Foundation
import SDP
import SIPEndpoint
import SwitchCore
import Synchronization

/// `bridge` (compat §5) for `user/<id>[@domain]` targets: `,` rings every target (and every registered
/// contact of a user) at once, `|` tries the groups one after the other; `{k=v}` and `[k=v]` set variables on
/// the new legs. Media is relayed packet by packet: the B leg is offered the A leg's codec first, and when it
/// answers with the other G.711 law the relay transcodes (`RTPMediaLeg.forward`). Sets `originate_disposition` and `last_bridge_hangup_cause`; honours `call_timeout`,
/// `continue_on_fail` and `hangup_after_bridge`.
extension CallExecutor {
    func bridge(_ context: any SessionContext, dialString data: Expansion) async throws {
        guard let aLeg = media.withLock({ $0[context.uuid] }) else {
            await context.hangup(.destinationOutOfOrder)
            return
        }
        let timeout = Int(await context.variable("call_timeout") ?? "") ?? 60
        let profile = await context.callerProfile()
        let answered = (await sessions.session(context.uuid)?.driver as? OpusAudioLimiting)?.answeredEncodingName
        let caller = Caller(
            name: profile.callerIDName, number: profile.callerIDNumber, context: profile.context,
            domain: await context.variable("domain_name"), codecs: aLeg.isALaw ? [.pcma, .pcmu] : [.pcmu, .pcma],
            opusSampleRate: answered.map { $0.lowercased() != "opus" } == true ? OpusAudio.codecSampleRate : nil,
            tainted: data.containsCallerText)
        var cause = HangupCause.userNotRegistered
        let ringback = Ringback(source: await context.variable("ringback"), leg: aLeg)
        for group in DialString(data.text).groups {
            let legs = await ring(group, as: caller)
            guard !legs.isEmpty else { continue }
            if legs.allSatisfy({ $0.call.media.webRTCTransport == nil }) { await askForNarrowbandOpus(context) }
            let outcome = await firstAnswer(
                legs, timeout: .seconds(timeout), onRinging: { await ringback.start(context) },
                abandoned: { await context.isHungUp })
            await ringback.stop()
            switch outcome {
            case .answered(let winner):
                await context.setVariable("originate_disposition", "SUCCESS", origin: .system)
                try await connect(context, aLeg: aLeg, to: winner)
                return
            case .failed(let c):
                cause = c
            }
            if await context.isHungUp { return }
        }
        await context.setVariable("originate_disposition", cause.name, origin: .system)
        await context.setVariable("last_bridge_hangup_cause", cause.name, origin: .system)
        if !Self.continuesOnFailure(cause, setting: await context.variable("continue_on_fail")) {
            await context.hangup(cause)
        }
    }

    /// Bridges two legs' media (CHANNEL_BRIDGE on both, packets relayed each way) until either hangs up, then
    /// unbridges them; `bridge` and `freeswitch.bridge` decide what happens to the leg that is left.
    func relay(_ a: Session, _ aMedia: RTPMediaLeg, with b: Session, _ bMedia: RTPMediaLeg) async {
        await a.bridged(to: b.uuid)
        await b.bridged(to: a.uuid)
        aMedia.setMode(.relay(bMedia))
        bMedia.setMode(.relay(aMedia))
        // Until either leg hangs up (or this task is cancelled): no polling.
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await a.waitUntilHungUp() }
            group.addTask { await b.waitUntilHungUp() }
            await group.next()
            group.cancelAll()
        }
        aMedia.setMode(.idle)
        bMedia.setMode(.idle)
        await a.unbridged()
        await b.unbridged()
    }

    /// A browser bridged to G.711 phones (every leg ringing is plain RTP, or the one that answered is not Opus): its
    /// audio ends at 8 kHz either way, so the answer asks it for narrowband Opus (RFC 7587 `maxplaybackrate`,
    /// FreeSWITCH's `opus@8000h`), which costs it and our decoder a fraction of full-band. Only before the answer
    /// (or the 183 of `ringback`) has gone out; no-op for a caller that is not Opus.
    func askForNarrowbandOpus(_ context: any SessionContext) async {
        guard let caller = await sessions.session(context.uuid)?.driver as? OpusAudioLimiting else { return }
        caller.limitOpusAudio(toSampleRate: OpusAudio.codecSampleRate)
    }

    /// `continue_on_fail`: `true`, or a comma-separated list of cause names or Q.850 numbers to continue on.
    static func continuesOnFailure(_ cause: HangupCause, setting: String?) -> Bool {
        guard let setting = setting?.trimmingCharacters(in: .whitespaces), !setting.isEmpty else { return false }
        if setting.lowercased() == "true" { return true }
        return setting.split(separator: ",").contains { item in
            let word = item.trimmingCharacters(in: .whitespaces)
            return word.uppercased() == cause.name || Int(word) == cause.q850
        }
    }

    /// Answers the A leg, relays media both ways, and ends the B leg (or the A leg, with
    /// `hangup_after_bridge`) when the other side ends.
    func connect(_ context: any SessionContext, aLeg: RTPMediaLeg, to b: OutboundLeg) async throws {
        guard let bLeg = b.call.media as? RTPMediaLeg, let aSession = await sessions.session(context.uuid) else { return }
        if !bLeg.isOpus { await askForNarrowbandOpus(context) }
        try await context.answer()
        await relay(aSession, aLeg, with: b.session, bLeg)
        if await b.session.isHungUp {
            let cause = await b.session.cause ?? .normalClearing
            await context.setVariable("last_bridge_hangup_cause", cause.name, origin: .system)
            if (await context.variable("hangup_after_bridge"))?.lowercased() == "true" {
                await context.hangup(.normalClearing)
            }
        } else {
            await b.session.hangup(.normalClearing)
        }
    }
}

/// The `ringback` variable while a bridge rings: early media (183) on the A leg and the tone (TGML such as
/// `%(2000,4000,440,480)`, a `tone_stream://`, or a file) looped until a leg answers or the attempt ends. Without
/// it the caller just gets 180.
final class Ringback: Sendable {
    private let source: String?
    private let leg: RTPMediaLeg
    private let playing = Mutex<Task<Void, Never>?>(nil)

    init(source: String?, leg: RTPMediaLeg) {
        self.leg = leg
        guard let source = source?.trimmingCharacters(in: .whitespaces), !source.isEmpty else {
            self.source = nil
            return
        }
        self.source = "{loops=-1}" + (source.hasPrefix("%(") ? "tone_stream://" + source : source)
    }

    func start(_ context: any SessionContext) async {
        guard let source else {
            try? await context.ringReady()
            return
        }
        guard (try? await context.preAnswer()) != nil else { return }
        let leg = self.leg
        let task = Task { _ = try? await leg.play(source, terminators: []) }
        let previous = playing.withLock { current in
            defer { current = task }
            return current
        }
        previous?.cancel()
    }

    /// Stops the tone and waits until its last frame went out, so the relay starts on a quiet leg.
    func stop() async {
        let task = playing.withLock { current in
            defer { current = nil }
            return current
        }
        task?.cancel()
        await task?.value
    }
}

/// A caller's driver whose answer (SIP or Verto) has not gone out yet can still ask for narrower Opus
/// (`CallExecutor.askForNarrowbandOpus`).
protocol OpusAudioLimiting: Sendable {
    /// The codec our answer chose (`PCMU`, `opus`, …); nil without one (a late offer).
    var answeredEncodingName: String? { get }
    /// RFC 7587 `maxplaybackrate` and `sprop-maxcapturerate` on an Opus answer not yet sent; otherwise nothing.
    func limitOpusAudio(toSampleRate sampleRate: Int)
}

extension SIPServerCall: OpusAudioLimiting {}
