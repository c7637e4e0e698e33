import Foundation
import SDP
import SIPEndpoint
import SwitchCore
import Synchronization

/// `bridge` (compat §5) for `user/<id>[@domain]` targets: `,` rings every target (and every registered
/// contact of a user) at once, `|` tries the groups one after the other. The first answer wins and the other
/// legs get CANCEL; media is relayed packet by packet (the B leg is offered the A leg's codec, so nothing is
/// transcoded). Sets `originate_disposition` and `last_bridge_hangup_cause`; honours `call_timeout`,
/// `continue_on_fail` and `hangup_after_bridge`.
extension CallExecutor {
    func bridge(_ context: any SessionContext, dialString: String) async throws {
        guard let endpoint = endpoint.withLock({ $0 }), let aLeg = media.withLock({ $0[context.uuid] }) else {
            await context.hangup(.destinationOutOfOrder)
            return
        }
        let timeout = Int(await context.variable("call_timeout") ?? "") ?? 60
        let profile = await context.callerProfile()
        var cause = HangupCause.userNotRegistered
        for group in Self.strippingVariables(dialString).split(separator: "|") {
            var legs: [SIPClientCall] = []
            for target in group.split(separator: ",") {
                guard let (user, domain) = Self.userTarget(String(target), defaultDomain: await context.variable("domain_name"))
                else { continue }
                for contact in endpoint.contacts(of: user, domain: domain) {
                    if let leg = try? await endpoint.originate(
                        to: contact, callerNumber: profile.callerIDNumber, callerName: profile.callerIDName,
                        codecs: [aLeg.isALaw ? .pcma : .pcmu])
                    {
                        legs.append(leg)
                    }
                }
            }
            guard !legs.isEmpty else { continue }
            switch await race(legs, context: context, timeout: .seconds(timeout)) {
            case .answered(let winner):
                await context.setVariable("originate_disposition", "SUCCESS", origin: .system)
                try await connect(context, aLeg: aLeg, bLeg: winner)
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

    enum RaceOutcome {
        case answered(SIPClientCall)
        case failed(HangupCause)
    }

    /// Waits for the first answer among `legs` (ringing the A leg meanwhile), cancelling the rest.
    func race(_ legs: [SIPClientCall], context: any SessionContext, timeout: Duration) async -> RaceOutcome {
        let outcome = RaceState()
        let watchers = legs.map { leg in
            Task {
                for await progress in leg.progress {
                    outcome.state.withLock { o in
                        switch progress {
                        case .ringing: o.ringing = true
                        case .answered: if o.winner == nil { o.winner = leg }
                        case .failed(let c):
                            o.failed += 1
                            o.cause = c
                        }
                    }
                }
            }
        }
        defer { watchers.forEach { $0.cancel() } }
        let deadline = ContinuousClock.now + timeout
        var rang = false
        while ContinuousClock.now < deadline, !(await context.isHungUp) {
            let o = outcome.state.withLock { $0 }
            if o.ringing && !rang {
                rang = true
                try? await context.ringReady()
            }
            if let winner = o.winner {
                for leg in legs where leg !== winner { await leg.hangup(.loseRace) }
                return .answered(winner)
            }
            if o.failed == legs.count { return .failed(o.cause) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        for leg in legs { await leg.hangup(await context.isHungUp ? .originatorCancel : .noAnswer) }
        return .failed(await context.isHungUp ? .originatorCancel : .noAnswer)
    }

    /// Answers the A leg, relays media both ways, and ends the B leg (or the A leg, with
    /// `hangup_after_bridge`) when the other side ends.
    func connect(_ context: any SessionContext, aLeg: RTPMediaLeg, bLeg call: SIPClientCall) async throws {
        guard let bLeg = call.media as? RTPMediaLeg else { return }
        let bEnded = Flag()
        call.onRemoteHangup { _ in bEnded.state.withLock { $0 = true } }
        try await context.answer()
        aLeg.setMode(.relay(bLeg))
        bLeg.setMode(.relay(aLeg))
        defer {
            aLeg.setMode(.idle)
            bLeg.setMode(.idle)
        }
        while !(await context.isHungUp), !bEnded.state.withLock({ $0 }) {
            do { try await Task.sleep(for: .milliseconds(100)) } catch { break }
        }
        if bEnded.state.withLock({ $0 }) {
            await context.setVariable("last_bridge_hangup_cause", HangupCause.normalClearing.name, origin: .system)
            if (await context.variable("hangup_after_bridge"))?.lowercased() == "true" {
                await context.hangup(.normalClearing)
            }
        } else {
            await call.hangup(.normalClearing)
        }
    }

    /// `{a=b,c=d}` and `[a=b]` channel-variable blocks are removed (not applied yet).
    static func strippingVariables(_ text: String) -> String {
        var out = ""
        var depth = 0
        for ch in text {
            if ch == "{" || ch == "[" { depth += 1; continue }
            if ch == "}" || ch == "]" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(ch) }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// `user/1000@domain` → ("1000", "domain"); other endpoint types are not handled yet.
    static func userTarget(_ text: String, defaultDomain: String?) -> (String, String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("user/") else { return nil }
        let rest = trimmed.dropFirst(5)
        let parts = rest.split(separator: "@", maxSplits: 1)
        guard let user = parts.first, !user.isEmpty else { return nil }
        let domain = parts.count == 2 ? String(parts[1]) : (defaultDomain ?? "")
        return (String(user), domain)
    }
}

final class RaceState: Sendable {
    let state = Mutex<(winner: SIPClientCall?, ringing: Bool, failed: Int, cause: HangupCause)>((nil, false, 0, .noAnswer))
}

final class Flag: Sendable {
    let state = Mutex(false)
}
