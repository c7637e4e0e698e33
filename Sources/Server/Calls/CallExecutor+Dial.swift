import Foundation
import SDP
import SIPEndpoint
import SwitchCore
import Synchronization

/// Placing outgoing legs for `bridge` and `originate`: every registered contact of each `user/` target is rung
/// at once, each as its own outbound `Session`; the first answer wins and the others get CANCEL (LOSE_RACE).
extension CallExecutor {
    /// Who is calling: the identity and codec the new legs are offered.
    struct Caller: Sendable {
        var name: String
        var number: String
        var context: String
        var domain: String?
        /// Offered to the new legs in this order; a leg may answer with any of them (bridged legs transcode).
        var codecs: [SDPCodec]
        /// The caller's audio is G.711 (8000): browsers rung are asked for Opus no wider (RFC 7587
        /// `maxplaybackrate`). Nil when the caller is Opus itself (its audio may pass through untouched).
        var opusSampleRate: Int? = nil
        /// The dial string came from caller text: its variables keep that taint.
        var tainted: Bool
    }

    enum RaceOutcome {
        case answered(OutboundLeg)
        case failed(HangupCause)
    }

    /// Rings every contact of every target in `group`: `user/<id>[@domain]` (the user's browsers and SIP phones) and
    /// `verto.rtc/<id>@<domain>` (browsers only). Other targets, and users with no contact, add no leg.
    func ring(_ group: [DialString.Target], as caller: Caller) async -> [OutboundLeg] {
        guard let endpoint = endpoint.withLock({ $0 }) else { return [] }
        var legs: [OutboundLeg] = []
        for target in group {
            // `verto.rtc/user@domain` rings only the user's browsers; `user/…` rings browsers and SIP phones.
            let browsersOnly = target.endpoint.hasPrefix("verto.rtc/")
            let spelled = browsersOnly ? "user/" + target.endpoint.dropFirst("verto.rtc/".count) : target.endpoint
            guard let (user, domain) = DialString.userTarget(spelled, defaultDomain: caller.domain) else { continue }
            let name = target.variables["origination_caller_id_name"] ?? caller.name
            let number = target.variables["origination_caller_id_number"] ?? caller.number
            let offered = await browsers?.dial(
                user: user, domain: domain, callerName: name, callerNumber: number, opusSampleRate: caller.opusSampleRate)
            for call in offered ?? [] {
                let profile = CallerProfile(
                    destinationNumber: user, callerIDName: name, callerIDNumber: number,
                    context: caller.context, uuid: "", username: user, source: "mod_verto",
                    channelName: "verto.rtc/\(user)@\(domain)")
                legs.append(await startOutboundSession(
                    call, profile: profile, target: target, caller: caller, dialed: (user, domain)))
            }
            for contact in endpoint.contacts(of: user, domain: domain) where !browsersOnly {
                guard let call = try? await endpoint.originate(
                    to: contact, callerNumber: number, callerName: name, codecs: caller.codecs,
                    opusSampleRate: caller.opusSampleRate)
                else { continue }
                let profile = CallerProfile(
                    destinationNumber: user, callerIDName: name, callerIDNumber: number, networkAddress: contact.sourceHost,
                    context: caller.context, uuid: "", username: user, source: "mod_sofia",
                    channelName: "sofia/internal/\(user)@\(domain)")
                legs.append(await startOutboundSession(
                    call, profile: profile, target: target, caller: caller, dialed: (user, domain)))
            }
        }
        return legs
    }

    private func startOutboundSession(
        _ call: any OutboundCall, profile: CallerProfile, target: DialString.Target, caller: Caller,
        dialed: (user: String, domain: String)
    ) async -> OutboundLeg {
        var variables = ChannelVariables()
        // As the stock directory's dial-string does: `presence_id=${dialed_user}@${dialed_domain}`.
        variables.set("dialed_user", dialed.user)
        variables.set("dialed_domain", dialed.domain)
        variables.set("presence_id", "\(dialed.user)@\(dialed.domain)")
        for (name, value) in target.variables {
            variables.set(name, value, origin: caller.tainted ? .caller : .system)
        }
        variables.set("domain_name", caller.domain)
        let session = Session(
            uuid: UUID().uuidString.lowercased(), direction: .outbound, profile: profile, variables: variables,
            driver: SIPClientCallDriver(call: call), media: call.media as? MediaPort, environment: environment)
        call.onRemoteHangup { [weak session] cause in Task { await session?.hangup(cause) } }
        call.onHoldChange { [weak session] held in Task { await session?.receivedHold(held) } }
        if let rtp = call.media as? RTPMediaLeg { media.withLock { $0[session.uuid] = rtp } }
        await sessions.add(session, at: Date())
        await session.start()
        Task { [weak self] in
            await session.waitUntilDestroyed()
            self?.media.withLock { $0[session.uuid] = nil }
        }
        return OutboundLeg(session: session, call: call)
    }

    /// Waits up to `timeout` for the first answer among `legs`, cancelling the rest; `onRinging` runs once when
    /// any leg rings. When `abandoned` turns true (the A leg hung up) every leg is cancelled.
    func firstAnswer(
        _ legs: [OutboundLeg], timeout: Duration, onRinging: @Sendable () async -> Void,
        abandoned: @Sendable () async -> Bool
    ) async -> RaceOutcome {
        let outcome = RaceState()
        let watchers = legs.map { leg in Task { await Self.follow(leg, into: outcome) } }
        defer { watchers.forEach { $0.cancel() } }
        let deadline = ContinuousClock.now + timeout
        var rang = false
        while ContinuousClock.now < deadline, !(await abandoned()) {
            let o = outcome.state.withLock { $0 }
            if o.ringing && !rang {
                rang = true
                await onRinging()
            }
            if let winner = o.winner, let leg = legs.first(where: { ObjectIdentifier($0.call) == winner }) {
                for other in legs where ObjectIdentifier(other.call) != winner { await other.session.hangup(.loseRace) }
                return .answered(leg)
            }
            if o.failed == legs.count { return .failed(o.cause) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let cause: HangupCause = await abandoned() ? .originatorCancel : .noAnswer
        for leg in legs { await leg.session.hangup(cause) }
        return .failed(cause)
    }

    /// Mirrors one leg's SIP progress into its session and the race.
    private static func follow(_ leg: OutboundLeg, into outcome: RaceState) async {
        for await progress in leg.call.progress {
            switch progress {
            case .ringing:
                try? await leg.session.ringReady()
                outcome.state.withLock { $0.ringing = true }
            case .answered(let media):
                for prefix in ["read", "write"] {
                    await leg.session.setVariable("\(prefix)_codec", media.encodingName.uppercased())
                    await leg.session.setVariable("\(prefix)_rate", String(media.clockRate))
                }
                try? await leg.session.answer()
                outcome.state.withLock { o in if o.winner == nil { o.winner = ObjectIdentifier(leg.call) } }
            case .failed(let cause):
                await leg.session.hangup(cause)
                outcome.state.withLock { o in
                    o.failed += 1
                    o.cause = cause
                }
            }
        }
    }
}

final class RaceState: Sendable {
    let state = Mutex<(winner: ObjectIdentifier?, ringing: Bool, failed: Int, cause: HangupCause)>((nil, false, 0, .noAnswer))
}
