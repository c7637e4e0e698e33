import Foundation
import Logging
import SDP
import SIPEndpoint
import SIPStack
import SwitchCore
import Transport
import Verto
import VertoEndpoint

/// The Verto endpoint in the running server: one `VertoHub` (the sans-IO engine) fed, in order, by the WebSocket
/// listeners and a 1 s tick, with its actions carried out here. Logins are checked against the directory (the
/// user's Verto hash, SHA-256 of `user:domain:password`).
///
/// Calls are placed on WebRTC legs and routed by the call executor (`VertoService+Calls`).
actor VertoService {
    /// What calls need from the rest of the server.
    struct CallEngine: Sendable {
        let executor: CallExecutor
        let media: RTPMediaProvider
    }

    enum Event: Sendable {
        case opened(VertoSocket)
        case received([UInt8], VertoSocket)
        case written(Int, VertoSocket)
        case closed(VertoSocket)
        case tick
        /// A call-state change anywhere in the switch, for presence.
        case channelEvent(SwitchEvent)
    }

    var hub: VertoHub
    private var sockets: [Int: VertoSocket] = [:]
    let directory: DirectoryCache
    let logger: Logger
    let callEngine: CallEngine?
    var active: [String: VertoCall] = [:]
    /// Calls the switch offered to browsers, by callID.
    var browserCalls: [String: VertoBrowserCall] = [:]
    /// Reattach offers waiting for the client's `verto.attach` answer, by callID.
    var reattachOffers: [String: SDPNegotiator] = [:]
    var presence = VertoPresence()
    private let start = ContinuousClock.now

    init(domain: String, directory: DirectoryCache, callEngine: CallEngine?, logger: Logger) {
        self.callEngine = callEngine
        var configuration = VertoConfiguration()
        configuration.defaultDomain = domain
        hub = VertoHub(configuration: configuration)
        self.directory = directory
        self.logger = logger
    }

    /// Handles events until the stream ends.
    func run(_ events: AsyncStream<Event>) async {
        for await event in events {
            handle(event)
        }
    }

    private var now: VertoInstant {
        let elapsed = ContinuousClock.now - start
        return VertoInstant(nanoseconds: elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }

    private func handle(_ event: Event) {
        switch event {
        case .opened(let socket):
            sockets[socket.id] = socket
            hub.connectionOpened(VertoConnectionID(socket.id), now: now)
        case .received(let bytes, let socket):
            perform(hub.received(bytes, on: VertoConnectionID(socket.id), now: now))
        case .written(let count, let socket):
            hub.written(byteCount: count, on: VertoConnectionID(socket.id))
        case .closed(let socket):
            sockets[socket.id] = nil
            perform(hub.connectionClosed(VertoConnectionID(socket.id), now: now))
        case .tick:
            if let deadline = hub.nextDeadline, deadline <= now { perform(hub.timerFired(now: now)) }
        case .channelEvent(let event):
            if let publication = presence.publication(for: event) { perform(hub.publish(publication)) }
        }
    }

    func perform(_ actions: [VertoAction]) {
        for action in actions {
            switch action {
            case .send(let id, let bytes):
                sockets[id.rawValue]?.send(bytes)
            case .close(let id, let reason):
                logger.info("verto connection closed", metadata: ["connection": "\(id)", "reason": "\(reason)"])
                sockets[id.rawValue]?.close()
            case .authenticate(let attempt):
                perform(hub.loginChecked(attempt, verdict(for: attempt), now: now))
            case .newCall(let call):
                startCall(call)
            default:
                callAction(action)
            }
        }
    }

    /// The directory's verdict on a login: the Verto hash must match (compared in constant time).
    private func verdict(for attempt: VertoLoginAttempt) -> VertoLoginVerdict {
        guard let user = directory.user(attempt.user, domain: attempt.domain) else {
            logger.notice("verto login for unknown user", metadata: ["login": "\(attempt.user)@\(attempt.domain)"])
            return .rejected(message: "Authentication Failure")
        }
        let offered = Digest.ha1(username: user.id, realm: user.domain, password: attempt.password, algorithm: .sha256)
        guard Self.constantTimeEqual(offered, user.vertoHash) else {
            logger.notice("verto login with a wrong password", metadata: ["login": "\(attempt.user)@\(attempt.domain)"])
            return .rejected(message: "Authentication Failure")
        }
        var identity = VertoIdentity(user: user.id, domain: user.domain, permissions: Self.permissions(of: user))
        identity.displayName = user.displayName
        logger.info("verto login", metadata: ["login": "\(identity.login)"])
        return .accepted(identity)
    }

    /// The user's `jsonrpc-allowed-methods` / `jsonrpc-allowed-event-channels` (user variables here), with the
    /// stock directory's values when unset: `verto`, and `demo,conference,presence`.
    static func permissions(of user: UserRecord) -> VertoPermissions {
        VertoPermissions(
            methods: VertoPermissionList(parsing: user.variables["jsonrpc-allowed-methods"] ?? "verto"),
            eventChannels: VertoPermissionList(
                parsing: user.variables["jsonrpc-allowed-event-channels"] ?? "demo,conference,presence"))
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The listeners' delegate: turns socket callbacks into ordered events for the service.
final class VertoSocketEvents: VertoSocketDelegate {
    let continuation: AsyncStream<VertoService.Event>.Continuation

    init(continuation: AsyncStream<VertoService.Event>.Continuation) {
        self.continuation = continuation
    }

    func opened(_ socket: VertoSocket) { continuation.yield(.opened(socket)) }
    func received(_ text: [UInt8], on socket: VertoSocket) { continuation.yield(.received(text, socket)) }
    func written(_ byteCount: Int, on socket: VertoSocket) { continuation.yield(.written(byteCount, socket)) }
    func closed(_ socket: VertoSocket) { continuation.yield(.closed(socket)) }
}
