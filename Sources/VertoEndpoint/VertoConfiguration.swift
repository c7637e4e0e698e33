import Verto

/// Settings of one Verto profile (compat §1.1 profile params and global settings). Defaults are mod_verto's.
public struct VertoConfiguration: Sendable {
    /// With no frame received for this long, the server sends `verto.ping` (§1.1: ~30 s).
    public var keepAliveInterval: Duration = .seconds(30)
    /// After a `verto.ping`, a connection that sends nothing for this long is closed. (mod_verto itself ignores
    /// ping replies and relies on TCP; a timeout finds dead browsers sooner.)
    public var pingTimeout: Duration = .seconds(30)
    /// How long an answered call outlives its connection, waiting for a re-login with the same sessid
    /// (`detach-timeout-sec`, §1.9).
    public var detachTimeout: Duration = .seconds(120)
    /// A client whose unwritten outbound frames exceed this many bytes is closed (it reads too slowly).
    public var maxPendingOutboundBytes = 8 * 1024 * 1024
    /// Inbound frame limits (§1.1: 1,000,000 bytes).
    public var limits = JSONLimits()
    /// `chop-domain`: the part of `login` after `@` is the domain.
    public var chopDomain = true
    /// `force-register-domain`: overrides the domain in every login.
    public var forceRegisterDomain: String?
    /// The domain for a `login` without `@domain` when no domain is forced.
    public var defaultDomain: String?
    /// Decides whether a connection may subscribe or broadcast to a channel, replacing the default rule
    /// (the identity's `jsonrpc-allowed-event-channels`, channels granted at run time, the connection's own
    /// sessid and call UUIDs).
    public var authorizeEventChannel: (@Sendable (_ identity: VertoIdentity, _ channel: String) -> Bool)?

    public init() {}
}

/// An allow-list from `jsonrpc-allowed-methods` / `jsonrpc-allowed-event-channels` (§1.4): an entry matches the
/// full name or the part before the first dot; `__ANY__` allows everything.
public enum VertoPermissionList: Sendable, Hashable {
    case any
    case only(Set<String>)

    /// Reads a comma/space separated directory value; `__ANY__` anywhere means `.any`.
    public init(parsing text: String) {
        let entries = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        self = entries.contains("__ANY__") ? .any : .only(Set(entries))
    }

    public func permits(_ name: String) -> Bool {
        switch self {
        case .any: true
        case .only(let entries): entries.contains(name) || entries.contains(EventChannelName.prefix(of: name))
        }
    }
}

/// What an authenticated user may do (§1.4).
public struct VertoPermissions: Sendable, Hashable {
    /// `jsonrpc-allowed-methods`; `login` is always allowed. Stock domains set `verto`.
    public var methods: VertoPermissionList
    /// `jsonrpc-allowed-event-channels`.
    public var eventChannels: VertoPermissionList

    public init(methods: VertoPermissionList = .only(["verto"]), eventChannels: VertoPermissionList = .only([])) {
        self.methods = methods
        self.eventChannels = eventChannels
    }
}

/// Who a connection logged in as: the host's answer to `.authenticate`.
public struct VertoIdentity: Sendable, Hashable {
    public var user: String
    public var domain: String
    public var permissions: VertoPermissions
    /// `login-expires` user variable: epoch seconds after which the socket is closed.
    public var authExpires: Int?
    public var moderator = false
    public var superuser = false
    public var stereoAudio = false
    /// The user's `caller-id-name` param, relayed as `fromDisplay` on broadcasts.
    public var displayName: String?

    public init(user: String, domain: String, permissions: VertoPermissions = VertoPermissions()) {
        self.user = user
        self.domain = domain
        self.permissions = permissions
    }

    /// `user@domain`.
    public var login: String { "\(user)@\(domain)" }
}
