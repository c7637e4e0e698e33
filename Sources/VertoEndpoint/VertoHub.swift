import SwitchCore
import Verto

/// The sans-IO Verto server engine for one profile: every WebSocket's `VertoConnection`, plus what spans
/// connections (sessid ownership and punting, detached calls, event-channel fan-out, the server's request
/// counter). Inputs carry `now`; outputs are `VertoAction`s the host carries out in order.
///
/// A host wires it up like this: give each accepted WebSocket an id and call `connectionOpened`; pass every
/// text frame to `received`; report writes with `written` and the socket's end with `connectionClosed`; call
/// `timerFired` at `nextDeadline`; answer `.authenticate` with `loginChecked` and deferred requests with
/// `respond`; drive calls with `offerCall`, `signal` and `callEnded`; publish with `publish`.
public struct VertoHub: Sendable {
    public let configuration: VertoConfiguration
    var connections: [VertoConnectionID: VertoConnection] = [:]
    var calls: [String: VertoCall] = [:]
    /// Index: which connection owns each sessid (kept for logged-in connections).
    var sessidOwners: [String: VertoConnectionID] = [:]
    /// Index: the connections subscribed to each channel, so a publication touches only its receivers.
    var subscribers: [String: Set<VertoConnectionID>] = [:]
    /// The id of the next server-originated request (§1.2: a global counter starting at 1).
    var nextRequestID = 1

    public init(configuration: VertoConfiguration = VertoConfiguration()) {
        self.configuration = configuration
    }

    /// A connection's current state.
    public func connection(_ id: VertoConnectionID) -> VertoConnection? { connections[id] }

    /// Logged-in connections of `user@domain`, for `verto.rtc/user@domain` dial strings (§1.11).
    public func connections(forLogin login: String) -> [VertoConnectionID] {
        connections.values.filter { $0.identity?.login == login }.map(\.id).sorted()
    }

    /// The live connection owning `sessid` (`verto.rtc/u:<sessid>`).
    public func connection(forSessid sessid: String) -> VertoConnectionID? {
        guard let id = sessidOwners[sessid], let connection = connections[id], !connection.isClosing,
            connection.sessid == sessid
        else { return nil }
        return id
    }

    /// Call ids currently waiting for re-attach.
    public var detachedCallIDs: [String] {
        calls.values.filter { if case .detached = $0.owner { true } else { false } }.map(\.callID).sorted()
    }

    /// A new WebSocket was accepted.
    public mutating func connectionOpened(_ id: VertoConnectionID, now: VertoInstant) {
        connections[id] = VertoConnection(id: id, now: now)
    }

    /// One WebSocket text frame's payload. Never traps: malformed input gets -32600/-32601 replies.
    public mutating func received(_ payload: some Collection<UInt8>, on id: VertoConnectionID, now: VertoInstant)
        -> [VertoAction]
    {
        guard var connection = connections[id], !connection.isClosing else { return [] }
        connection.lastReceived = now
        connection.pingSentAt = nil
        connections[id] = connection
        var actions: [VertoAction] = []
        switch JSONRPCFrame.parse(payload, limits: configuration.limits) {
        case .single(let message):
            if let reply = handle(message, on: id, now: now, actions: &actions) {
                return send(reply.json, to: id) + actions
            }
        case .batch(let messages):
            var replies: [JSONValue] = []
            for message in messages {
                if let reply = handle(message, on: id, now: now, actions: &actions) { replies.append(reply.json) }
            }
            if !replies.isEmpty { return send(.array(replies), to: id) + actions }
        }
        return actions
    }

    /// The socket took `byteCount` bytes of what `.send` actions asked for.
    public mutating func written(byteCount: Int, on id: VertoConnectionID) {
        guard let pending = connections[id]?.pendingOutboundBytes else { return }
        connections[id]?.pendingOutboundBytes = max(0, pending - byteCount)
    }

    /// A reply to a request the engine deferred (`.transferCall`, `.replaceCall`, `.updateMedia`).
    /// `sessid` is added to a result object as for every other result.
    public mutating func respond(_ token: VertoReplyToken, _ outcome: JSONRPCResponse.Outcome) -> [VertoAction] {
        guard let requestID = token.id, connections[token.connection] != nil else { return [] }
        let response = JSONRPCResponse(id: requestID, outcome: addingSessid(outcome, on: token.connection))
        return send(response.json, to: token.connection)
    }

    /// Sends any server request to one connection (e.g. `verto.announce`, out-of-dialog `verto.info`).
    public mutating func sendRequest(_ method: VertoMethod, params: JSONValue, to id: VertoConnectionID)
        -> [VertoAction]
    {
        let requestID = JSONRPCID(nextRequestID)
        nextRequestID += 1
        return send(JSONRPCRequest(id: requestID, method: method.rawValue, params: params).json, to: id)
    }

    /// Serializes a frame for a connection, counting it against the outbound bound. A connection over the
    /// bound gets `.close(.slowConsumer)` instead, and nothing more.
    mutating func send(_ json: JSONValue, to id: VertoConnectionID) -> [VertoAction] {
        guard var connection = connections[id], !connection.isClosing else { return [] }
        let bytes = json.serialized()
        connection.pendingOutboundBytes += bytes.count
        if connection.pendingOutboundBytes > configuration.maxPendingOutboundBytes {
            connection.state = .closing
            connections[id] = connection
            return [.close(id, .slowConsumer)]
        }
        connections[id] = connection
        return [.send(id, bytes)]
    }

    /// `sessid` goes into every result object (§1.2), not into errors.
    func addingSessid(_ outcome: JSONRPCResponse.Outcome, on id: VertoConnectionID) -> JSONRPCResponse.Outcome {
        guard case .result(.object(var members)) = outcome, let sessid = connections[id]?.sessid else {
            return outcome
        }
        members["sessid"] = .string(sessid)
        return .result(.object(members))
    }
}
