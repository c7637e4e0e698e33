import Verto

/// The state of one WebSocket (a mod_verto `jsock`): login, keep-alive, outbound back-pressure, event channel
/// subscriptions and the calls it owns. `VertoHub` feeds it and reads it; hosts see it through
/// `VertoHub.connection(_:)`.
///
/// | State            | Input                          | Next                                   |
/// |------------------|--------------------------------|----------------------------------------|
/// | awaitingLogin    | `login` with credentials       | authenticating (host checks)           |
/// | awaitingLogin    | any other request              | awaitingLogin (-32000)                 |
/// | authenticating   | verdict accepted               | loggedIn (result, `verto.clientReady`) |
/// | authenticating   | verdict rejected               | awaitingLogin (-32001)                 |
/// | authenticating   | sessid owned by another user   | closing ("Session in use")             |
/// | loggedIn         | same sessid + user logs in elsewhere | closing (`verto.punt`)           |
/// | any              | ping timeout, slow consumer, login expiry | closing                     |
public struct VertoConnection: Sendable {
    public enum State: Sendable, Hashable {
        case awaitingLogin
        case authenticating(VertoLoginAttempt)
        case loggedIn(VertoIdentity, sessid: String, userVariables: [String: JSONValue])
        /// A close was requested; nothing more is sent or handled.
        case closing
    }

    public let id: VertoConnectionID
    public internal(set) var state = State.awaitingLogin
    /// Channels this connection subscribed to.
    public internal(set) var subscriptions: Set<String> = []
    /// Channels granted at run time (a conference grants its channels on join, §1.10).
    public internal(set) var grantedChannels: Set<String> = []
    /// Calls this connection owns, by callID.
    public internal(set) var calls: Set<String> = []
    /// Bytes handed out in `.send` actions and not yet reported written.
    public internal(set) var pendingOutboundBytes = 0
    var lastReceived: VertoInstant
    var pingSentAt: VertoInstant?
    /// Per-subscriber `eventSerno` counter (§1.10).
    var eventSerno = 0

    init(id: VertoConnectionID, now: VertoInstant) {
        self.id = id
        self.lastReceived = now
    }

    /// The logged-in identity, if any.
    public var identity: VertoIdentity? {
        if case .loggedIn(let identity, _, _) = state { return identity }
        return nil
    }

    /// The connection's session id once logged in.
    public var sessid: String? {
        if case .loggedIn(_, let sessid, _) = state { return sessid }
        return nil
    }

    var isClosing: Bool { state == .closing }

    /// When the keep-alive logic next needs a `timerFired`.
    func keepAliveDeadline(_ configuration: VertoConfiguration) -> VertoInstant? {
        if isClosing { return nil }
        if let pingSentAt { return pingSentAt + configuration.pingTimeout }
        return lastReceived + configuration.keepAliveInterval
    }
}

/// One call known to the engine.
struct VertoCall: Sendable, Hashable {
    enum Owner: Sendable, Hashable {
        case connection(VertoConnectionID)
        /// Waiting for a login with the same sessid and user until `deadline` (§1.9); `authExpires` is the
        /// lost login's expiry (epoch seconds), which decides the hang-up cause.
        case detached(sessid: String, login: String, deadline: VertoInstant, authExpires: Int?)
    }

    enum Progress: Sendable, Hashable {
        case ringing, early, answered
    }

    let callID: String
    var owner: Owner
    /// True for calls the switch offered to the client (`verto.invite` server → client).
    let offeredToClient: Bool
    var progress = Progress.ringing
    /// `dialogParams.recoverCall:false` makes a call hang up when its socket drops.
    var recoverable = true
    var held = false
    /// `verto.media` carried the SDP already, so `verto.answer` goes without it.
    var mediaSent = false
}
