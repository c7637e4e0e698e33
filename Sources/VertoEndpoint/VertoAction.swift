import SwitchCore
import Verto

/// Names one WebSocket; chosen by the host.
public struct VertoConnectionID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: Int

    public init(_ rawValue: Int) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "verto#\(rawValue)" }
}

/// A request whose reply the host sends later with `VertoHub.respond(_:_:)`.
public struct VertoReplyToken: Hashable, Sendable {
    public var connection: VertoConnectionID
    /// Nil for a notification: `respond` then sends nothing.
    public var id: JSONRPCID?
    public var method: String
}

/// A `login` to check against the directory (§1.3). The host answers with `VertoHub.loginChecked`.
public struct VertoLoginAttempt: Hashable, Sendable {
    public var token: VertoReplyToken
    public var user: String
    public var domain: String
    public var password: String
    /// Passed to the directory lookup.
    public var loginParams: [String: JSONValue]
    /// Stored; copied onto every channel the connection creates.
    public var userVariables: [String: JSONValue]
    public var sessid: String?
}

extension VertoLoginAttempt: CustomStringConvertible {
    /// Everything but the password, so that logging an attempt (or a connection's state) does not leak it.
    public var description: String {
        "VertoLoginAttempt(\(user)@\(domain), sessid: \(sessid ?? "-"), request: \(token.id?.description ?? "-"))"
    }
}

/// The host's verdict on a login attempt.
public enum VertoLoginVerdict: Hashable, Sendable {
    case accepted(VertoIdentity)
    /// -32001 with this message: "Login Incorrect", "Authentication Failure" … (§1.3).
    case rejected(message: String)
}

/// A call the client placed with `verto.invite`: the host creates a session and routes it.
public struct VertoNewCall: Hashable, Sendable {
    public var connection: VertoConnectionID
    public var callID: String
    /// The client's offer (full ICE, no trickle).
    public var sdp: String
    public var dialogParams: DialogParams
    public var identity: VertoIdentity
    /// The connection's sessid (`jsock_uuid_str`, `event_channel_cookie`).
    public var sessid: String
    /// The login's `userVariables`.
    public var userVariables: [String: JSONValue]
}

/// Why the engine closes a connection.
public enum VertoCloseReason: Hashable, Sendable {
    /// Superseded by a login with the same sessid and user (`verto.punt` was sent).
    case punted
    /// Its sessid belongs to another user's live connection ("Session in use").
    case sessionInUse
    /// No frame after `verto.ping` within the ping timeout.
    case pingTimeout
    /// Unwritten outbound data beyond the bound.
    case slowConsumer
    /// `auth-expires` passed (§1.3 item 5).
    case loginExpired
}

/// What the engine asks its host to do, in order, after an input returns.
public enum VertoAction: Hashable, Sendable {
    /// Write one WebSocket text frame. Report it with `written(byteCount:on:)` once the socket took it.
    case send(VertoConnectionID, [UInt8])
    /// Close the WebSocket (after the frames before this action), then report `connectionClosed`.
    case close(VertoConnectionID, VertoCloseReason)
    /// Check credentials; answer with `loginChecked`.
    case authenticate(VertoLoginAttempt)
    /// Create and route the call the client placed.
    case newCall(VertoNewCall)
    /// The client answered a call the switch offered (`verto.answer`): its answer SDP and callee id.
    case answerCall(callID: String, sdp: String, dialogParams: DialogParams)
    /// Hang the call's session up with this cause (client `verto.bye`, disconnect rules, detach expiry).
    case hangUp(callID: String, cause: HangupCause)
    /// Queue DTMF digits on the call (`verto.info` `dtmf`).
    case sendDTMF(callID: String, digits: String)
    /// A chat message (`verto.info` `msg`), in the call's dialog when `callID` is set.
    case deliverMessage(callID: String?, message: ChatMessage, from: VertoIdentity)
    /// Real-time text (`verto.info` `txt`).
    case deliverText(callID: String, text: JSONValue)
    /// Put the call on hold or take it off (`verto.modify` hold/unhold/toggleHold); already answered.
    case holdCall(callID: String, held: Bool)
    /// Transfer the call's bridged peer; answer `reply` with `{"message":"CALL TRANSFERRED"}` or an error.
    case transferCall(callID: String, destination: String, reply: VertoReplyToken)
    /// Attended transfer: replace `replaceCallID` with this call; answer `reply`.
    case replaceCall(callID: String, replaceCallID: String, reply: VertoReplyToken)
    /// Renegotiate with the client's re-offer; answer `reply` with the answer `sdp`.
    case updateMedia(callID: String, sdp: String, reply: VertoReplyToken)
    /// Ask the video source for a key frame.
    case refreshVideo(callID: String)
    /// The call lost its connection but stays up, media stopped, for the detach timeout (§1.9).
    case callDetached(callID: String)
    /// A detached call now belongs to this connection: make an offer and send it with `signal(.attach(…))`.
    case reattachCall(callID: String, connection: VertoConnectionID)
    /// The client answered an attach offer.
    case attachAnswered(callID: String, sdp: String)
    /// A client published on an event channel (already relayed to local subscribers): conference and
    /// liveArray code reacts here (bootstrap, moderator commands, chat).
    case broadcastReceived(VertoPublication, from: VertoIdentity)
    /// A connection subscribed to these channels (already replied to). Subscribing to `presence` or
    /// `presence.X` asks for a presence refresh (§1.10).
    case channelsSubscribed([String], connection: VertoConnectionID)
}

/// A call-scoped message from the switch to the client that owns the call (§1.6).
public enum VertoCallSignal: Hashable, Sendable {
    /// Early media (183) on a client-originated call.
    case media(ServerMediaParams)
    /// The call was answered; the engine drops `sdp` when `verto.media` already carried it.
    case answer(ServerAnswerParams)
    case display(DisplayParams)
    /// Re-attach or renegotiation offer; the client answers with `verto.attach`.
    case attach(ServerAttachParams)
    /// In-dialog chat or text (`callID` required here).
    case info(ServerInfoParams)
    case prompt(PromptParams)
    case mediaParams(MediaParamsParams)

    var callID: String? {
        switch self {
        case .media(let p), .answer(let p): p.callID
        case .display(let p): p.callID
        case .attach(let p): p.callID
        case .info(let p): p.callID
        case .prompt(let p): p.callID
        case .mediaParams(let p): p.callID
        }
    }
}
