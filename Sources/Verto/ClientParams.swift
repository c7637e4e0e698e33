/// Params of requests a client sends (compat §1.5). Members the server does not read are tolerated and dropped,
/// except inside `dialogParams`, which keeps them. Every request may carry the client's `sessid`.

/// `login`: `{login, passwd, loginParams?, userVariables?, sessid}` (§1.3).
public struct LoginParams: Sendable, Hashable, Codable {
    /// `user` or `user@domain`.
    public var login: String?
    public var passwd: String?
    /// Passed to the directory lookup.
    public var loginParams: [String: JSONValue]?
    /// Stored and copied onto every channel this connection creates.
    public var userVariables: [String: JSONValue]?
    /// Client-generated session id (the JS client keeps it in cookie `verto_session_uuid`).
    public var sessid: String?

    public init(
        login: String? = nil, passwd: String? = nil, loginParams: [String: JSONValue]? = nil,
        userVariables: [String: JSONValue]? = nil, sessid: String? = nil
    ) {
        self.login = login
        self.passwd = passwd
        self.loginParams = loginParams
        self.userVariables = userVariables
        self.sessid = sessid
    }
}

/// The shape shared by call-scoped client requests `verto.invite`, `verto.answer` and `verto.attach`:
/// an SDP (offer for invite, answer otherwise) and the dialog parameters.
public struct ClientCallParams: Sendable, Hashable, Codable {
    public var sdp: String?
    public var dialogParams: DialogParams?
    public var sessid: String?

    public init(sdp: String? = nil, dialogParams: DialogParams? = nil, sessid: String? = nil) {
        self.sdp = sdp
        self.dialogParams = dialogParams
        self.sessid = sessid
    }
}

/// `verto.invite` from a client: `sdp` is the offer with all ICE candidates (Verto does not trickle).
public typealias ClientInviteParams = ClientCallParams
/// `verto.answer` from a client: `sdp` is its answer; `dialogParams.callee_id_*` optional.
public typealias ClientAnswerParams = ClientCallParams
/// `verto.attach` from a client: `sdp` answers the server's attach offer.
public typealias ClientAttachParams = ClientCallParams

/// `verto.bye` from a client: `cause` (name such as "USER_BUSY") or `causeCode` (Q.850 number).
public struct ClientByeParams: Sendable, Hashable, Codable {
    public var dialogParams: DialogParams?
    public var cause: String?
    public var causeCode: Int?
    public var sessid: String?

    public init(dialogParams: DialogParams? = nil, cause: String? = nil, causeCode: Int? = nil, sessid: String? = nil) {
        self.dialogParams = dialogParams
        self.cause = cause
        self.causeCode = causeCode
        self.sessid = sessid
    }
}

/// A chat message in `verto.info` (`msg`), either way. `from_*` / `to_*` extra keys are kept.
public struct ChatMessage: Sendable, Hashable, Codable {
    public var from: String?
    public var to: String?
    public var body: String?
    /// Client → server: deliver inside the call's dialog.
    public var inDialog: Bool?
    /// Every other member (`from_*`, `to_*` …).
    public var additionalFields: [String: JSONValue] = [:]

    public init(from: String? = nil, to: String? = nil, body: String? = nil, inDialog: Bool? = nil) {
        self.from = from
        self.to = to
        self.body = body
        self.inDialog = inDialog
    }

    public init(from decoder: any Decoder) throws {
        var object = try JSONValue(from: decoder).objectValue ?? [:]
        from = object.removeValue(forKey: "from")?.stringValue
        to = object.removeValue(forKey: "to")?.stringValue
        body = object.removeValue(forKey: "body")?.stringValue
        inDialog = object["inDialog"].map(\.isTrueish)
        object["inDialog"] = nil
        additionalFields = object
    }

    public func encode(to encoder: any Encoder) throws {
        var object = additionalFields
        if let from { object["from"] = .string(from) }
        if let to { object["to"] = .string(to) }
        if let body { object["body"] = .string(body) }
        if let inDialog { object["inDialog"] = .bool(inDialog) }
        try JSONValue.object(object).encode(to: encoder)
    }
}

/// `verto.info` from a client: one of `dtmf`, `msg`, `txt`, `command` for the call in `dialogParams.callID`.
public struct ClientInfoParams: Sendable, Hashable, Codable {
    public var dialogParams: DialogParams?
    /// Digits to queue as DTMF on the channel.
    public var dtmf: String?
    public var msg: ChatMessage?
    /// Real-time text `{code}` or `{chars}`.
    public var txt: JSONValue?
    /// Queued as a COMMAND event.
    public var command: JSONValue?
    public var sessid: String?

    public init(
        dialogParams: DialogParams? = nil, dtmf: String? = nil, msg: ChatMessage? = nil, sessid: String? = nil
    ) {
        self.dialogParams = dialogParams
        self.dtmf = dtmf
        self.msg = msg
        self.sessid = sessid
    }
}

/// The `action` of `verto.modify` (§1.5).
public enum ModifyAction: String, Sendable, Hashable, Codable {
    case hold, unhold, toggleHold, transfer, replace, updateMedia, videoRefresh
}

/// `verto.modify` from a client. `action` stays a string so an unknown one can be answered, not rejected
/// wholesale.
public struct ClientModifyParams: Sendable, Hashable, Codable {
    public var dialogParams: DialogParams?
    public var action: String?
    /// For `transfer`: the new destination for the bridged peer.
    public var destination: String?
    /// For `replace`: the call to replace (attended transfer).
    public var replaceCallID: String?
    /// For `updateMedia`: the re-offer.
    public var sdp: String?
    public var sessid: String?

    public init(
        dialogParams: DialogParams? = nil, action: ModifyAction? = nil, destination: String? = nil,
        sessid: String? = nil
    ) {
        self.dialogParams = dialogParams
        self.action = action?.rawValue
        self.destination = destination
        self.sessid = sessid
    }
}

/// A channel list that is a string or an array of strings on the wire (`eventChannel`).
public struct EventChannelList: Sendable, Hashable, Codable {
    public var channels: [String]

    public init(_ channels: [String]) { self.channels = channels }

    public init(from decoder: any Decoder) throws {
        switch try JSONValue(from: decoder) {
        case .string(let s): channels = [s]
        case .array(let a): channels = a.compactMap(\.stringValue)
        case .null, .bool, .number, .object: channels = []
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if channels.count == 1 { try container.encode(channels[0]) } else { try container.encode(channels) }
    }
}

/// `verto.subscribe` / `verto.unsubscribe`: `eventChannel` is a string or an array.
public struct SubscribeParams: Sendable, Hashable, Codable {
    public var eventChannel: EventChannelList?
    public var sessid: String?

    public init(eventChannel: [String], sessid: String? = nil) {
        self.eventChannel = EventChannelList(eventChannel)
        self.sessid = sessid
    }
}

/// `verto.broadcast`: publish `data` on `eventChannel`; the whole object is relayed.
public struct BroadcastParams: Sendable, Hashable, Codable {
    public var eventChannel: String?
    public var data: JSONValue?
    /// Do not fan out to other cluster nodes.
    public var localBroadcast: Bool?
    public var sessid: String?

    public init(eventChannel: String?, data: JSONValue?, localBroadcast: Bool? = nil, sessid: String? = nil) {
        self.eventChannel = eventChannel
        self.data = data
        self.localBroadcast = localBroadcast
        self.sessid = sessid
    }
}
