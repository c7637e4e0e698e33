import Foundation
import SDP
import SIPEndpoint
import SwitchCore

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
        let caller = Caller(
            name: profile.callerIDName, number: profile.callerIDNumber, context: profile.context,
            domain: await context.variable("domain_name"), codecs: aLeg.isALaw ? [.pcma, .pcmu] : [.pcmu, .pcma],
            tainted: data.containsCallerText)
        var cause = HangupCause.userNotRegistered
        for group in DialString(data.text).groups {
            let legs = await ring(group, as: caller)
            guard !legs.isEmpty else { continue }
            let outcome = await firstAnswer(
                legs, timeout: .seconds(timeout), onRinging: { try? await context.ringReady() },
                abandoned: { await context.isHungUp })
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
        if (await context.variable("continue_on_fail"))?.lowercased() != "true" { await context.hangup(cause) }
    }

    /// Answers the A leg, relays media both ways, and ends the B leg (or the A leg, with
    /// `hangup_after_bridge`) when the other side ends.
    func connect(_ context: any SessionContext, aLeg: RTPMediaLeg, to b: OutboundLeg) async throws {
        guard let bLeg = b.call.media as? RTPMediaLeg else { return }
        try await context.answer()
        let aSession = await sessions.session(context.uuid)
        await aSession?.bridged(to: b.session.uuid)
        await b.session.bridged(to: context.uuid)
        aLeg.setMode(.relay(bLeg))
        bLeg.setMode(.relay(aLeg))
        while !(await context.isHungUp), !(await b.session.isHungUp) {
            do { try await Task.sleep(for: .milliseconds(50)) } catch { break }
        }
        aLeg.setMode(.idle)
        bLeg.setMode(.idle)
        await aSession?.unbridged()
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
