import SwitchCore
import Verto

extension VertoHub {
    /// `verto.modify` (§1.5). Hold actions are answered at once with `holdState`; transfer, replace and
    /// updateMedia need the core and are answered by the host through `respond`. An unknown action is
    /// answered with `callID` and `action` only and does nothing, as mod_verto does.
    mutating func modify(_ request: JSONRPCRequest, token: VertoReplyToken, actions: inout [VertoAction])
        -> VertoReply
    {
        let id = token.connection
        let params = try? request.decodeParams(as: ClientModifyParams.self)
        let callID = params?.dialogParams?.callID
        guard let call = ownedCall(callID, by: id), let callID else { return .error(.callDoesNotExist(callID)) }
        guard let actionName = params?.action, !actionName.isEmpty else {
            return .error(.sessionError("action missing", callID: callID))
        }
        switch ModifyAction(rawValue: actionName) {
        case .hold, .unhold, .toggleHold:
            let held = actionName == "hold" || (actionName == "toggleHold" && !call.held)
            calls[callID]?.held = held
            actions.append(.holdCall(callID: callID, held: held))
            return encoded(ModifyResult(callID: callID, action: actionName, holdState: held ? "held" : "active"))
        case .transfer:
            guard let destination = params?.destination, !destination.isEmpty else {
                return .error(.sessionError("destination missing", callID: callID))
            }
            actions.append(.transferCall(callID: callID, destination: destination, reply: token))
            return .deferred
        case .replace:
            guard let other = params?.replaceCallID, !other.isEmpty else {
                return .error(.sessionError("replaceCallID missing", callID: callID))
            }
            actions.append(.replaceCall(callID: callID, replaceCallID: other, reply: token))
            return .deferred
        case .updateMedia:
            guard call.progress == .answered else {
                return .error(.sessionError("Cannot update a call that has not been answered.", callID: callID))
            }
            guard let sdp = params?.sdp, !sdp.isEmpty else {
                return .error(.sessionError("SDP missing", callID: callID))
            }
            actions.append(.updateMedia(callID: callID, sdp: sdp, reply: token))
            return .deferred
        case .videoRefresh:
            actions.append(.refreshVideo(callID: callID))
            return encoded(ModifyResult(callID: callID, action: actionName))
        case nil:
            return encoded(ModifyResult(callID: callID, action: actionName))
        }
    }
}
