import SwitchCore
import Verto

/// Call-scoped requests from the client (compat §1.5).
extension VertoHub {
    /// The call named by `dialogParams.callID`, if this connection owns it.
    func ownedCall(_ callID: String?, by id: VertoConnectionID) -> VertoCall? {
        guard let callID, let call = calls[callID], call.owner == .connection(id) else { return nil }
        return call
    }

    /// `verto.invite`: the client places a call. Replies "CALL CREATED" and asks the host to route it.
    mutating func invite(_ request: JSONRPCRequest, on id: VertoConnectionID, identity: VertoIdentity,
                         actions: inout [VertoAction]) -> VertoReply {
        guard request.params != nil, let params = try? request.decodeParams(as: ClientInviteParams.self) else {
            return .error(.sessionError("Params data missing"))
        }
        guard let dialog = params.dialogParams else { return .error(.sessionError("Dialog data missing")) }
        guard let callID = dialog.callID, !callID.isEmpty else { return .error(.sessionError("CallID missing")) }
        guard let sdp = params.sdp, !sdp.isEmpty else { return .error(.sessionError("SDP missing", callID: callID)) }
        guard calls[callID] == nil, case .loggedIn(_, let sessid, let variables) = connections[id]?.state else {
            let cause = HangupCause.invalidCallReference
            return .error(JSONRPCError(
                code: VertoErrorCode.sessionError, message: "CALL ERROR",
                additionalMembers: ["callID": .string(callID), "cause": .string(cause.name),
                                    "causeCode": .number(Double(cause.q850))]))
        }
        var call = VertoCall(callID: callID, owner: .connection(id), offeredToClient: false)
        call.recoverable = dialog.recoverCall != false
        calls[callID] = call
        connections[id]?.calls.insert(callID)
        actions.append(.newCall(VertoNewCall(
            connection: id, callID: callID, sdp: sdp, dialogParams: dialog, identity: identity, sessid: sessid,
            userVariables: variables)))
        return encoded(InviteResult(callID: callID))
    }

    /// `verto.answer`: the client answers a call the switch offered. A repeated answer is acknowledged again.
    mutating func answer(_ request: JSONRPCRequest, on id: VertoConnectionID, actions: inout [VertoAction])
        -> VertoReply
    {
        let params = try? request.decodeParams(as: ClientAnswerParams.self)
        let callID = params?.dialogParams?.callID
        guard let call = ownedCall(callID, by: id), let callID else { return .error(.callDoesNotExist(callID)) }
        guard let sdp = params?.sdp, !sdp.isEmpty else { return .error(.sessionError("SDP missing", callID: callID)) }
        if call.offeredToClient, call.progress != .answered {
            calls[callID]?.progress = .answered
            actions.append(.answerCall(callID: callID, sdp: sdp, dialogParams: params?.dialogParams ?? DialogParams()))
        }
        return .result(.object([:]))
    }

    /// `verto.bye`: the client hangs up; `cause` (name) or `causeCode` (number), NORMAL_CLEARING by default.
    mutating func bye(_ request: JSONRPCRequest, on id: VertoConnectionID, actions: inout [VertoAction]) -> VertoReply {
        let params = try? request.decodeParams(as: ClientByeParams.self)
        let callID = params?.dialogParams?.callID
        guard ownedCall(callID, by: id) != nil, let callID else { return .error(.callDoesNotExist(callID)) }
        let cause = params?.cause.flatMap(HangupCause.init(parsing:))
            ?? params?.causeCode.flatMap(HangupCause.init(rawValue:)) ?? .normalClearing
        calls[callID] = nil
        connections[id]?.calls.remove(callID)
        actions.append(.hangUp(callID: callID, cause: cause))
        return encoded(ByeResult(callID: callID, causeCode: cause.q850, cause: cause.name))
    }

    /// `verto.info`: `dtmf` and `txt` need a known call; `msg` needs `to` and `body` and may be out of dialog.
    mutating func info(_ request: JSONRPCRequest, on id: VertoConnectionID, identity: VertoIdentity,
                       actions: inout [VertoAction]) -> VertoReply {
        let params = try? request.decodeParams(as: ClientInfoParams.self)
        let callID = params?.dialogParams?.callID
        let owned = ownedCall(callID, by: id) != nil
        if let msg = params?.msg {
            guard msg.to?.isEmpty == false, msg.body?.isEmpty == false else {
                return .error(.sessionError("INVALID MESSAGE to and body params required"))
            }
            actions.append(.deliverMessage(callID: owned ? callID : nil, message: msg, from: identity))
            return encoded(MessageResult(message: "SENT"))
        }
        guard owned, let callID else { return .error(.callDoesNotExist(callID)) }
        if let digits = params?.dtmf, !digits.isEmpty {
            actions.append(.sendDTMF(callID: callID, digits: digits))
            return encoded(MessageResult(message: "SENT"))
        }
        if let text = params?.txt {
            actions.append(.deliverText(callID: callID, text: text))
            return encoded(MessageResult(message: "SENT"))
        }
        return .result(.object([:]))
    }

    /// `verto.attach`: the client's answer to an attach offer, for an answered call it owns.
    mutating func attach(_ request: JSONRPCRequest, on id: VertoConnectionID, actions: inout [VertoAction])
        -> VertoReply
    {
        let params = try? request.decodeParams(as: ClientAttachParams.self)
        let callID = params?.dialogParams?.callID
        guard let call = ownedCall(callID, by: id), let callID else { return .error(.callDoesNotExist(callID)) }
        guard call.progress == .answered else {
            return .error(.sessionError("Cannot attach to a call that has not been answered.", callID: callID))
        }
        guard let sdp = params?.sdp, !sdp.isEmpty else { return .error(.sessionError("SDP missing", callID: callID)) }
        actions.append(.attachAnswered(callID: callID, sdp: sdp))
        return .result(.object([:]))
    }
}
