import SwitchCore
import Verto

/// What a method handler decided about the reply.
enum VertoReply {
    case result(JSONValue)
    case error(JSONRPCError)
    /// The host answers later through `respond` (or, for login, `loginChecked`).
    case deferred
}

extension VertoHub {
    /// One message of a frame: returns the response to send (nil for notifications, client responses and
    /// deferred replies); side effects go to `actions`.
    mutating func handle(_ message: JSONRPCMessage, on id: VertoConnectionID, now: VertoInstant,
                         actions: inout [VertoAction]) -> JSONRPCResponse? {
        switch message {
        case .invalid(let response):
            return response
        case .response:
            return nil  // §1.2: replies to our requests are accepted and ignored.
        case .request(let request):
            let token = VertoReplyToken(connection: id, id: request.id, method: request.method)
            let reply = dispatch(request, token: token, now: now, actions: &actions)
            guard let requestID = request.id else { return nil }
            switch reply {
            case .deferred: return nil
            case .error(let error): return JSONRPCResponse(id: requestID, error: error)
            case .result(let result):
                let echoed = Self.echoingParams(result, request: request)
                return JSONRPCResponse(id: requestID, outcome: addingSessid(.result(echoed), on: id))
            }
        }
    }

    /// §1.2: `echoParams` true/"true" copies the request params into `requestParams`; any other value is
    /// copied itself.
    static func echoingParams(_ result: JSONValue, request: JSONRPCRequest) -> JSONValue {
        guard let echo = request.params?["echoParams"], case .object(var members) = result else { return result }
        members["requestParams"] = echo.isTrueish ? request.params : echo
        return .object(members)
    }

    mutating func dispatch(_ request: JSONRPCRequest, token: VertoReplyToken, now: VertoInstant,
                           actions: inout [VertoAction]) -> VertoReply {
        guard let connection = connections[token.connection] else { return .deferred }
        guard case .loggedIn(let identity, _, _) = connection.state else {
            guard request.method == VertoMethod.login.rawValue, connection.state == .awaitingLogin else {
                return .error(.authenticationRequired)
            }
            return beginLogin(request, token: token, actions: &actions)
        }
        guard request.method == VertoMethod.login.rawValue || identity.permissions.methods.permits(request.method),
            let method = VertoMethod(rawValue: request.method), method.isClientToServer
        else {
            return .error(.invalidMethod)
        }
        return dispatchLoggedIn(method, request, token: token, identity: identity, now: now, actions: &actions)
    }

    mutating func dispatchLoggedIn(_ method: VertoMethod, _ request: JSONRPCRequest, token: VertoReplyToken,
                                   identity: VertoIdentity, now: VertoInstant,
                                   actions: inout [VertoAction]) -> VertoReply {
        let id = token.connection
        switch method {
        case .login: return encoded(loginResult(identity))
        case .invite: return invite(request, on: id, identity: identity, actions: &actions)
        case .answer: return answer(request, on: id, actions: &actions)
        case .bye: return bye(request, on: id, actions: &actions)
        case .info: return info(request, on: id, identity: identity, actions: &actions)
        case .modify: return modify(request, token: token, actions: &actions)
        case .attach: return attach(request, on: id, actions: &actions)
        case .subscribe: return subscribe(request, on: id, actions: &actions)
        case .unsubscribe: return unsubscribe(request, on: id)
        case .broadcast: return broadcast(request, on: id, identity: identity, actions: &actions)
        case .ping: return encoded(MessageResult(message: "PONG", authExpires: identity.authExpires))
        case .echo:
            guard let params = request.params else { return .error(.sessionError("Params data missing")) }
            return .result(params)
        case .jsapi, .fsapi, .media, .display, .punt, .clientReady, .event, .prompt, .mediaParams, .announce:
            // jsapi/fsapi are refused as with the stock `jsonrpc-allowed-methods=verto`;
            // the rest are server → client methods.
            return .error(.invalidMethod)
        }
    }

    /// A typed result as a reply; a result that cannot be encoded (never expected) reads as "Permission Denied".
    func encoded(_ value: some Encodable) -> VertoReply {
        guard let json = try? JSONValue(encoding: value) else { return .error(.permissionDenied) }
        return .result(json)
    }

    func loginResult(_ identity: VertoIdentity) -> LoginResult {
        LoginResult(
            authExpires: identity.authExpires, moderator: identity.moderator ? true : nil,
            superuser: identity.superuser ? true : nil, stereoAudio: identity.stereoAudio ? true : nil)
    }
}
