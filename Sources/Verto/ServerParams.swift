/// Params of requests the server sends (compat §1.6). Member names are exactly the reference's.

/// `verto.invite` to a client: the switch calls the browser (`verto.rtc/…`).
public struct ServerInviteParams: Sendable, Hashable, Codable {
    /// The channel UUID, used in every later message.
    public var callID: String
    /// The switch's offer.
    public var sdp: String
    public var callerIDName: String
    public var callerIDNumber: String
    public var calleeIDName: String
    public var calleeIDNumber: String
    /// "inbound" / "outbound" from the switch's point of view ("outbound" is typical toward a browser).
    public var displayDirection: String
    /// Every channel variable named `verto_svar_*`, names unchanged.
    public var variables: [String: JSONValue]
    /// Every channel variable named `verto_h_*`, written as top-level members with their own names.
    public var headers: [String: String]

    public init(
        callID: String, sdp: String, callerIDName: String, callerIDNumber: String, calleeIDName: String = "",
        calleeIDNumber: String = "", displayDirection: String = "outbound", variables: [String: JSONValue] = [:],
        headers: [String: String] = [:]
    ) {
        self.callID = callID
        self.sdp = sdp
        self.callerIDName = callerIDName
        self.callerIDNumber = callerIDNumber
        self.calleeIDName = calleeIDName
        self.calleeIDNumber = calleeIDNumber
        self.displayDirection = displayDirection
        self.variables = variables
        self.headers = headers
    }

    enum CodingKeys: String, CodingKey {
        case callID, sdp, variables
        case callerIDName = "caller_id_name", callerIDNumber = "caller_id_number"
        case calleeIDName = "callee_id_name", calleeIDNumber = "callee_id_number"
        case displayDirection = "display_direction"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        callID = try c.decode(String.self, forKey: .callID)
        sdp = try c.decode(String.self, forKey: .sdp)
        callerIDName = try c.decodeIfPresent(String.self, forKey: .callerIDName) ?? ""
        callerIDNumber = try c.decodeIfPresent(String.self, forKey: .callerIDNumber) ?? ""
        calleeIDName = try c.decodeIfPresent(String.self, forKey: .calleeIDName) ?? ""
        calleeIDNumber = try c.decodeIfPresent(String.self, forKey: .calleeIDNumber) ?? ""
        displayDirection = try c.decodeIfPresent(String.self, forKey: .displayDirection) ?? ""
        variables = try c.decodeIfPresent([String: JSONValue].self, forKey: .variables) ?? [:]
        let all = try JSONValue(from: decoder).objectValue ?? [:]
        headers = all.filter { $0.key.hasPrefix("verto_h_") }.compactMapValues(\.stringValue)
    }

    public func encode(to encoder: any Encoder) throws {
        var object: [String: JSONValue] = headers.mapValues { .string($0) }
        object["callID"] = .string(callID)
        object["sdp"] = .string(sdp)
        object["caller_id_name"] = .string(callerIDName)
        object["caller_id_number"] = .string(callerIDNumber)
        object["callee_id_name"] = .string(calleeIDName)
        object["callee_id_number"] = .string(calleeIDNumber)
        object["display_direction"] = .string(displayDirection)
        object["variables"] = .object(variables)
        try JSONValue.object(object).encode(to: encoder)
    }
}

/// `verto.media` (early media on a client-originated call) and `verto.answer` (the call was answered).
/// For `verto.answer`, `sdp` is present only if no `verto.media` was sent earlier.
public struct ServerMediaParams: Sendable, Hashable, Codable {
    public var callID: String
    public var sdp: String?
    public var variables: [String: JSONValue]

    public init(callID: String, sdp: String?, variables: [String: JSONValue] = [:]) {
        self.callID = callID
        self.sdp = sdp
        self.variables = variables
    }
}

/// `verto.answer` from the server: same members as `verto.media`.
public typealias ServerAnswerParams = ServerMediaParams

/// `verto.bye` from the server: the switch hung up a call the client did not hang up.
public struct ServerByeParams: Sendable, Hashable, Codable {
    public var callID: String
    /// Q.850 number.
    public var causeCode: Int
    /// Cause name, e.g. "NORMAL_CLEARING".
    public var cause: String

    public init(callID: String, causeCode: Int, cause: String) {
        self.callID = callID
        self.causeCode = causeCode
        self.cause = cause
    }
}

/// `verto.display`: caller-ID / display update.
public struct DisplayParams: Sendable, Hashable, Codable {
    public var callID: String
    public var displayName: String
    public var displayNumber: String
    public var callerIDName: String?
    public var callerIDNumber: String?
    public var calleeIDName: String?
    public var calleeIDNumber: String?
    public var displayDirection: String?

    public init(callID: String, displayName: String, displayNumber: String) {
        self.callID = callID
        self.displayName = displayName
        self.displayNumber = displayNumber
    }

    enum CodingKeys: String, CodingKey {
        case callID
        case displayName = "display_name", displayNumber = "display_number"
        case callerIDName = "caller_id_name", callerIDNumber = "caller_id_number"
        case calleeIDName = "callee_id_name", calleeIDNumber = "callee_id_number"
        case displayDirection = "display_direction"
    }
}

/// `verto.attach` from the server: re-attach after reconnect, or renegotiation. `sdp` is the switch's **offer**;
/// the client answers with its own `verto.attach` request.
public struct ServerAttachParams: Sendable, Hashable, Codable {
    public var callID: String
    public var sdp: String
    public var variables: [String: JSONValue]
    public var callerIDName: String?
    public var callerIDNumber: String?
    public var calleeIDName: String?
    public var calleeIDNumber: String?
    public var displayDirection: String?

    public init(callID: String, sdp: String, variables: [String: JSONValue] = [:]) {
        self.callID = callID
        self.sdp = sdp
        self.variables = variables
    }

    enum CodingKeys: String, CodingKey {
        case callID, sdp, variables
        case callerIDName = "caller_id_name", callerIDNumber = "caller_id_number"
        case calleeIDName = "callee_id_name", calleeIDNumber = "callee_id_number"
        case displayDirection = "display_direction"
    }
}

/// `verto.info` from the server: chat (`msg`, with `callID` when in-dialog) or real-time text (`txt.chars`).
public struct ServerInfoParams: Sendable, Hashable, Codable {
    public var callID: String?
    public var msg: ChatMessage?
    public var txt: JSONValue?

    public init(callID: String? = nil, msg: ChatMessage? = nil, txt: JSONValue? = nil) {
        self.callID = callID
        self.msg = msg
        self.txt = txt
    }
}

/// `verto.clientReady`, sent right after login.
public struct ClientReadyParams: Sendable, Hashable, Codable {
    /// Call UUIDs re-attached to this connection (usually empty).
    public var reattachedSessions: [String]

    public init(reattachedSessions: [String]) { self.reattachedSessions = reattachedSessions }

    enum CodingKeys: String, CodingKey { case reattachedSessions = "reattached_sessions" }
}

/// `verto.punt`: `{}`; the client should close and purge.
public struct PuntParams: Sendable, Hashable, Codable {
    public init() {}
}

/// `verto.ping` from the server after ~30 s idle: `serno` = epoch seconds, maybe `auth-expires`.
public struct ServerPingParams: Sendable, Hashable, Codable {
    public var serno: Int
    public var authExpires: Int?

    public init(serno: Int, authExpires: Int? = nil) {
        self.serno = serno
        self.authExpires = authExpires
    }

    enum CodingKeys: String, CodingKey { case serno, authExpires = "auth-expires" }
}

/// `verto.prompt`: an application asks the client for input.
public struct PromptParams: Sendable, Hashable, Codable {
    public var callID: String
    /// "dtmf" or "message".
    public var type: String
    public var text: String
    public var regex: String?

    public init(callID: String, type: String, text: String, regex: String? = nil) {
        self.callID = callID
        self.type = type
        self.text = text
        self.regex = regex
    }
}

/// `verto.mediaParams`: an application pushes media constraints.
public struct MediaParamsParams: Sendable, Hashable, Codable {
    public var callID: String
    public var mediaParams: [String: JSONValue]

    public init(callID: String, mediaParams: [String: JSONValue]) {
        self.callID = callID
        self.mediaParams = mediaParams
    }
}

/// `verto.announce`: `msg` is a list of strings.
public struct AnnounceParams: Sendable, Hashable, Codable {
    public var msg: [String]

    public init(msg: [String]) { self.msg = msg }
}
