import SwitchCore
import Verto

/// Call-scoped traffic from the switch to the client (compat §1.6).
extension VertoHub {
    /// The switch calls a connected client (`verto.rtc/…`): sends `verto.invite` and tracks the call until the
    /// client answers (`.answerCall`) or hangs up (`.hangUp`). A connection that is not logged in (or gone)
    /// yields `.hangUp(DESTINATION_OUT_OF_ORDER)` (§1.11). A callID the engine already tracks is a host error
    /// and is ignored (the existing call is left alone).
    public mutating func offerCall(_ params: ServerInviteParams, to id: VertoConnectionID) -> [VertoAction] {
        guard calls[params.callID] == nil else { return [] }
        guard connections[id]?.identity != nil, connections[id]?.isClosing == false,
            let json = try? JSONValue(encoding: params)
        else {
            return [.hangUp(callID: params.callID, cause: .destinationOutOfOrder)]
        }
        calls[params.callID] = VertoCall(callID: params.callID, owner: .connection(id), offeredToClient: true)
        connections[id]?.calls.insert(params.callID)
        return sendRequest(.invite, params: json, to: id)
    }

    /// Sends a call-scoped message to the connection owning the call. Nothing is sent for an unknown or
    /// detached call. `verto.media` marks the call early and `verto.answer` answered; `verto.answer` loses its
    /// `sdp` when `verto.media` carried one (§1.6).
    public mutating func signal(_ signal: VertoCallSignal) -> [VertoAction] {
        guard let callID = signal.callID, let call = calls[callID], case .connection(let id) = call.owner else {
            return []
        }
        let method: VertoMethod
        let json: JSONValue?
        switch signal {
        case .media(let p):
            calls[callID]?.mediaSent = call.mediaSent || p.sdp != nil
            if call.progress == .ringing { calls[callID]?.progress = .early }
            (method, json) = (.media, try? JSONValue(encoding: p))
        case .answer(var p):
            if call.mediaSent { p.sdp = nil }
            calls[callID]?.progress = .answered
            (method, json) = (.answer, try? JSONValue(encoding: p))
        case .display(let p): (method, json) = (.display, try? JSONValue(encoding: p))
        case .attach(let p): (method, json) = (.attach, try? JSONValue(encoding: p))
        case .info(let p): (method, json) = (.info, try? JSONValue(encoding: p))
        case .prompt(let p): (method, json) = (.prompt, try? JSONValue(encoding: p))
        case .mediaParams(let p): (method, json) = (.mediaParams, try? JSONValue(encoding: p))
        }
        guard let json else { return [] }
        return sendRequest(method, params: json, to: id)
    }

    /// The switch ended a call: `verto.bye` with `causeCode` and `cause` to its connection (none if the client
    /// hung up first or the call is detached); the call is forgotten.
    public mutating func callEnded(_ callID: String, cause: HangupCause) -> [VertoAction] {
        guard let call = calls.removeValue(forKey: callID) else { return [] }
        guard case .connection(let id) = call.owner else { return [] }
        connections[id]?.calls.remove(callID)
        let bye = ServerByeParams(callID: callID, causeCode: cause.q850, cause: cause.name)
        return sendRequest(.bye, params: (try? JSONValue(encoding: bye)) ?? [:], to: id)
    }

    /// Whether the engine still tracks a call (connected or detached).
    public func hasCall(_ callID: String) -> Bool { calls[callID] != nil }
}
