import Foundation
import SwitchCore
import Verto

extension VertoHub {
    /// `login` before authentication (§1.3): validates params, then asks the host to check the credentials.
    mutating func beginLogin(_ request: JSONRPCRequest, token: VertoReplyToken, actions: inout [VertoAction])
        -> VertoReply
    {
        guard request.params != nil else { return .error(.authFailed("Missing params")) }
        guard let params = try? request.decodeParams(as: LoginParams.self) else {
            return .error(.authFailed("Missing or improper credentials"))
        }
        guard let login = params.login, !login.isEmpty else { return .error(.authenticationRequired) }
        guard let password = params.passwd, !password.isEmpty else { return .error(.authFailed("Missing passwd")) }
        var user = login
        var domain = configuration.defaultDomain
        if configuration.chopDomain, let at = login.firstIndex(of: "@") {
            user = String(login[..<at])
            domain = String(login[login.index(after: at)...])
        }
        if let forced = configuration.forceRegisterDomain { domain = forced }
        guard !user.isEmpty, let domain, !domain.isEmpty else {
            return .error(.authFailed("Missing or improper credentials"))
        }
        let attempt = VertoLoginAttempt(
            token: token, user: user, domain: domain, password: password, loginParams: params.loginParams ?? [:],
            userVariables: params.userVariables ?? [:], sessid: params.sessid.flatMap { $0.isEmpty ? nil : $0 })
        connections[token.connection]?.state = .authenticating(attempt)
        actions.append(.authenticate(attempt))
        return .deferred
    }

    /// The host's answer to `.authenticate`. On success: sessid rules (punt the same user's old connection,
    /// refuse another user's), the result with `sessid`, `verto.clientReady`, and `.reattachCall` for each
    /// detached call of this sessid and user (§1.3, §1.9).
    public mutating func loginChecked(_ attempt: VertoLoginAttempt, _ verdict: VertoLoginVerdict, now: VertoInstant)
        -> [VertoAction]
    {
        let id = attempt.token.connection
        guard connections[id]?.state == .authenticating(attempt) else { return [] }
        guard case .accepted(let identity) = verdict else {
            guard case .rejected(let message) = verdict else { return [] }
            connections[id]?.state = .awaitingLogin
            return reply(attempt.token, .error(.authFailed(message)))
        }
        let sessid = attempt.sessid ?? UUID().uuidString.lowercased()
        var actions: [VertoAction] = []
        if let other = connection(forSessid: sessid), other != id, let owner = connections[other]?.identity {
            guard owner.login == identity.login else {
                actions += reply(attempt.token, .error(.authFailed("Session in use")))
                connections[id]?.state = .closing
                return actions + [.close(id, .sessionInUse)]
            }
            actions += punt(other, now: now)
        }
        connections[id]?.state = .loggedIn(identity, sessid: sessid, userVariables: attempt.userVariables)
        sessidOwners[sessid] = id
        actions += reply(attempt.token, .result((try? JSONValue(encoding: loginResult(identity))) ?? [:]))
        let reattached = reattach(sessid: sessid, login: identity.login, to: id)
        let ready = ClientReadyParams(reattachedSessions: reattached)
        actions += sendRequest(.clientReady, params: (try? JSONValue(encoding: ready)) ?? [:], to: id)
        return actions + reattached.map { .reattachCall(callID: $0, connection: id) }
    }

    /// Sends a reply for a token (with `sessid` in results).
    mutating func reply(_ token: VertoReplyToken, _ outcome: JSONRPCResponse.Outcome) -> [VertoAction] {
        respond(token, outcome)
    }

    /// The old connection of a re-login: `verto.punt`, close, and its calls detached for the new one.
    mutating func punt(_ id: VertoConnectionID, now: VertoInstant) -> [VertoAction] {
        var actions = sendRequest(.punt, params: .object([:]), to: id)
        actions += detachCalls(of: id, now: now)
        connections[id]?.state = .closing
        return actions + [.close(id, .punted)]
    }

    /// Moves this sessid's and user's detached calls to a connection; returns their ids in order.
    mutating func reattach(sessid: String, login: String, to id: VertoConnectionID) -> [String] {
        var moved: [String] = []
        for (callID, call) in calls {
            guard case .detached(let s, let l, _, _) = call.owner, s == sessid, l == login else { continue }
            calls[callID]?.owner = .connection(id)
            connections[id]?.calls.insert(callID)
            moved.append(callID)
        }
        return moved.sorted()
    }

    /// The WebSocket is gone. Its calls follow §1.9: unanswered → DESTINATION_OUT_OF_ORDER; answered and not
    /// recoverable → NORMAL_CLEARING; other answered calls are detached for `detachTimeout`.
    public mutating func connectionClosed(_ id: VertoConnectionID, now: VertoInstant) -> [VertoAction] {
        let actions = detachCalls(of: id, now: now)
        if let connection = connections[id] {
            if let sessid = connection.sessid, sessidOwners[sessid] == id { sessidOwners[sessid] = nil }
            for channel in connection.subscriptions { removeSubscription(channel, of: id) }
        }
        connections[id] = nil
        return actions
    }

    mutating func detachCalls(of id: VertoConnectionID, now: VertoInstant) -> [VertoAction] {
        guard let connection = connections[id] else { return [] }
        var actions: [VertoAction] = []
        for callID in connection.calls.sorted() {
            guard let call = calls[callID] else { continue }
            if call.progress != .answered {
                calls[callID] = nil
                actions.append(.hangUp(callID: callID, cause: .destinationOutOfOrder))
            } else if !call.recoverable {
                calls[callID] = nil
                actions.append(.hangUp(callID: callID, cause: .normalClearing))
            } else if let sessid = connection.sessid, let identity = connection.identity {
                let deadline = now + configuration.detachTimeout
                calls[callID]?.owner = .detached(
                    sessid: sessid, login: identity.login, deadline: deadline, authExpires: identity.authExpires)
                actions.append(.callDetached(callID: callID))
            }
        }
        connections[id]?.calls = []
        return actions
    }
}
