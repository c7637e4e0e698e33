/// A JSON-RPC 2.0 request (§4), or a notification (§4.1) when `id` is nil.
public struct JSONRPCRequest: Sendable, Hashable {
    public var id: JSONRPCID?
    public var method: String
    /// The `params` member (for Verto always an object); nil when absent.
    public var params: JSONValue?

    public init(id: JSONRPCID?, method: String, params: JSONValue? = nil) {
        self.id = id
        self.method = method
        self.params = params
    }

    /// A request with typed params.
    public init(id: JSONRPCID?, method: VertoMethod, params: some Encodable) throws(JSONCodingError) {
        self.init(id: id, method: method.rawValue, params: try JSONValue(encoding: params))
    }

    /// True for a notification: no reply is sent (§4.1).
    public var isNotification: Bool { id == nil }

    /// The typed params; a missing `params` decodes from `{}`.
    public func decodeParams<T: Decodable>(as type: T.Type = T.self) throws(JSONCodingError) -> T {
        try (params ?? .object([:])).decode(as: T.self)
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = ["jsonrpc": "2.0", "method": .string(method)]
        if let id { members["id"] = id.json }
        if let params { members["params"] = params }
        return .object(members)
    }
}

/// A JSON-RPC 2.0 response (§5): a result or an error for the request with the same id.
public struct JSONRPCResponse: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case result(JSONValue)
        case error(JSONRPCError)
    }

    public var id: JSONRPCID
    public var outcome: Outcome

    public init(id: JSONRPCID, outcome: Outcome) {
        self.id = id
        self.outcome = outcome
    }

    public init(id: JSONRPCID, result: JSONValue) { self.init(id: id, outcome: .result(result)) }
    public init(id: JSONRPCID, error: JSONRPCError) { self.init(id: id, outcome: .error(error)) }

    public var json: JSONValue {
        var members: [String: JSONValue] = ["jsonrpc": "2.0", "id": id.json]
        switch outcome {
        case .result(let result): members["result"] = result
        case .error(let error): members["error"] = error.json
        }
        return .object(members)
    }
}

/// One element of a frame: a request/notification, a response, or something that must be answered with an error.
public enum JSONRPCMessage: Sendable, Hashable {
    case request(JSONRPCRequest)
    case response(JSONRPCResponse)
    /// Not a valid message; `error` is the reply to send (JSON-RPC §5: also for notifications whose validity
    /// cannot be established).
    case invalid(JSONRPCResponse)

    /// Classifies one decoded JSON value the way mod_verto does (§1.2):
    /// non-object → -32600 "Invalid Request" (id null); `jsonrpc` ≠ "2.0" → -32600 "Invalid message" (id echoed);
    /// `result` or `error` present → a response; `method` missing or not a string → -32601.
    public init(json: JSONValue) {
        guard let members = json.objectValue else {
            self = .invalid(JSONRPCResponse(id: .null, error: .invalidRequest))
            return
        }
        let rawID = members["id"]
        let id = rawID.flatMap(JSONRPCID.init(json:))
        guard members["jsonrpc"] == "2.0" else {
            self = .invalid(JSONRPCResponse(id: id ?? .null, error: .invalidMessage))
            return
        }
        if members["result"] != nil || members["error"] != nil {
            let outcome: JSONRPCResponse.Outcome
            if let result = members["result"] {
                outcome = .result(result)
            } else {
                outcome = .error(members["error"].flatMap(JSONRPCError.init(json:)) ?? .invalidRequest)
            }
            self = .response(JSONRPCResponse(id: id ?? .null, outcome: outcome))
            return
        }
        if rawID != nil, id == nil {
            self = .invalid(JSONRPCResponse(id: .null, error: .invalidRequest))
            return
        }
        guard let method = members["method"]?.stringValue else {
            self = .invalid(JSONRPCResponse(id: id ?? .null, error: .invalidMethod))
            return
        }
        self = .request(JSONRPCRequest(id: id, method: method, params: members["params"]))
    }

    public var json: JSONValue {
        switch self {
        case .request(let request): request.json
        case .response(let response), .invalid(let response): response.json
        }
    }
}

/// One WebSocket text frame: a single message or a batch (JSON-RPC §6; §1.1: an array is a batch).
public enum JSONRPCFrame: Sendable, Hashable {
    case single(JSONRPCMessage)
    case batch([JSONRPCMessage])

    /// Parses a frame's payload. Bytes that are not JSON (or break `limits`) and an empty batch come back as
    /// `.single(.invalid(…))` with -32600 "Invalid Request" and `"id":null`; this never throws or traps.
    public static func parse(_ bytes: some Collection<UInt8>, limits: JSONLimits = JSONLimits()) -> JSONRPCFrame {
        let invalid = JSONRPCFrame.single(.invalid(JSONRPCResponse(id: .null, error: .invalidRequest)))
        guard let json = try? JSONValue(parsing: bytes, limits: limits) else { return invalid }
        guard case .array(let elements) = json else { return .single(JSONRPCMessage(json: json)) }
        guard !elements.isEmpty else { return invalid }
        return .batch(elements.map(JSONRPCMessage.init(json:)))
    }

    /// The frame as compact JSON bytes.
    public func serialized() -> [UInt8] {
        switch self {
        case .single(let message): message.json.serialized()
        case .batch(let messages): JSONValue.array(messages.map(\.json)).serialized()
        }
    }
}
