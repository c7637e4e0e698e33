import SwitchCore
import Verto

extension VertoHub {
    /// The earliest instant at which `timerFired` has work: a keep-alive ping, a ping timeout, a login expiry
    /// or a detached call's expiry. Nil when nothing is pending.
    public var nextDeadline: VertoInstant? {
        var deadlines = connections.values.compactMap { $0.keepAliveDeadline(configuration) }
        deadlines += connections.values.compactMap { c in c.identity?.authExpires.map { .seconds(Int64($0)) } }
        for call in calls.values {
            if case .detached(_, _, let deadline, _) = call.owner { deadlines.append(deadline) }
        }
        return deadlines.min()
    }

    /// Runs everything due at `now`: `verto.ping` after `keepAliveInterval` of silence (params `serno` = epoch
    /// seconds, plus `auth-expires`), close on ping timeout or login expiry, and hang-up of detached calls whose
    /// detach timeout passed with RECOVERY_ON_TIMER_EXPIRE, or BEARERCAPABILITY_NOTAUTH when the lost login had
    /// expired by then (§1.9).
    ///
    /// Calling it at `nextDeadline` is exact; calling it on a fixed tick (say once a second) is equally correct
    /// and cheaper with many connections, as each call visits every connection.
    public mutating func timerFired(now: VertoInstant) -> [VertoAction] {
        var actions: [VertoAction] = []
        for id in connections.keys.sorted() {
            guard let connection = connections[id], !connection.isClosing else { continue }
            if let expires = connection.identity?.authExpires, now >= .seconds(Int64(expires)) {
                connections[id]?.state = .closing
                actions.append(.close(id, .loginExpired))
            } else if let sent = connection.pingSentAt {
                if now >= sent + configuration.pingTimeout {
                    connections[id]?.state = .closing
                    actions.append(.close(id, .pingTimeout))
                }
            } else if now >= connection.lastReceived + configuration.keepAliveInterval {
                connections[id]?.pingSentAt = now
                let ping = ServerPingParams(serno: Int(now.seconds), authExpires: connection.identity?.authExpires)
                actions += sendRequest(.ping, params: (try? JSONValue(encoding: ping)) ?? [:], to: id)
            }
        }
        for callID in calls.keys.sorted() {
            guard case .detached(_, _, let deadline, let expires) = calls[callID]?.owner, now >= deadline else {
                continue
            }
            calls[callID] = nil
            let loginExpired = expires.map { now >= .seconds(Int64($0)) } ?? false
            let cause: HangupCause = loginExpired ? .bearerCapabilityNotAuth : .recoveryOnTimerExpire
            actions.append(.hangUp(callID: callID, cause: cause))
        }
        return actions
    }
}
