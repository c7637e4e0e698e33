import Logging
import SIPMessage
import SIPStack
import Synchronization

/// The SIP user agent server of Switchboard: parses what the transports read, runs it through the
/// transaction layer (RFC 3261 §17), and answers as registrar (§10) and OPTIONS responder (§11).
///
/// The transaction layer is a value type behind a mutex; its actions are carried out after the
/// mutex is released (never call out while holding a lock).
public final class SIPEndpoint: Sendable {
    public struct Configuration: Sendable {
        public var limits: SIPParser.Limits
        /// `Server` and `User-Agent` header value.
        public var productName: String
        /// Our address in Contact and Via of requests we send (`ext_sip_ip`, else the listen address).
        public var contactHost: String
        public var contactPort: Int

        public init(
            limits: SIPParser.Limits = SIPParser.Limits(), productName: String = "Switchboard",
            contactHost: String = "127.0.0.1", contactPort: Int = 5060
        ) {
            self.limits = limits
            self.productName = productName
            self.contactHost = contactHost
            self.contactPort = contactPort
        }
    }

    static let allowedMethods = "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, INFO"

    let configuration: Configuration
    let layer = Mutex(SIPTransactionLayer())
    let calls = SIPCallTable()
    let clientCalls = SIPClientCallTable()
    /// "Call-ID CSeq" of re-INVITE 2xx responses still waiting for their ACK.
    let reinviteAwaitingACK = Mutex<Set<String>>([])
    private let sink: SIPMessageSink
    let timers: SIPTimerScheduler
    let registrar: SIPRegistrar
    let logger: Logger
    let callRouter: SIPCallRouter?
    let mediaProvider: SIPMediaProvider?
    /// Work handed off the event loop (caller authentication, routing, calls), so shutdown and tests can wait for it.
    private let inFlight = Mutex<(next: UInt64, tasks: [UInt64: Task<Void, Never>])>((0, [:]))

    public init(
        configuration: Configuration, registrar: SIPRegistrar, sink: SIPMessageSink, timers: SIPTimerScheduler,
        callRouter: SIPCallRouter? = nil, mediaProvider: SIPMediaProvider? = nil, logger: Logger
    ) {
        self.callRouter = callRouter
        self.mediaProvider = mediaProvider
        self.configuration = configuration
        self.registrar = registrar
        self.sink = sink
        self.timers = timers
        self.logger = logger
    }

    // MARK: Inputs from the transport

    /// One complete message from a transport.
    public func received(_ bytes: [UInt8], from peer: SIPPeer) {
        let message: SIPMessage
        do {
            message = try SIPParser(limits: configuration.limits).parse(bytes)
        } catch {
            rejectUnparsable(bytes, error: error, from: peer)
            return
        }
        let now = timers.now
        switch message {
        case .request(var request):
            SIPViaStamping.stamp(&request, from: peer)
            let actions = layer.withLock { $0.receivedRequest(request, from: peer, now: now) }
            perform(actions)
        case .response(let response):
            let actions = layer.withLock { $0.receivedResponse(response, from: peer, now: now) }
            perform(actions)
        }
    }

    // MARK: Answering

    /// Sends a response through its server transaction (which absorbs retransmissions from now on).
    public func respond(_ response: SIPResponse, to id: SIPServerTransactionID) {
        var response = response
        if !response.headers.contains("Server") { response.headers.add("Server", configuration.productName) }
        let now = timers.now
        let actions = layer.withLock { $0.sendResponse(response, for: id, now: now) }
        perform(actions)
    }

    // MARK: Transaction-user dispatch

    func perform(_ actions: [SIPTransactionAction]) {
        for action in actions {
            switch action {
            case .transmit(let message, let peer):
                sink.send(message.serialized(), to: peer)
            case .startTimer(let id, let deadline):
                timers.schedule(id, at: deadline) { [weak self] in self?.timerFired(id) }
            case .cancelTimer(let id):
                timers.cancel(id)
            case .deliverRequest(let request, let id, let peer):
                dispatch(request, id: id, from: peer)
            case .deliverStrayACK(let request, _):
                receivedStrayACK(request)
            case .deliverCancel(let request, let cancelled, let id, _):
                receivedCancel(request, cancelled: cancelled, id: id)
            case .deliverResponse(let response, let id):
                clientResponse(response, transaction: id)
            case .clientTimedOut(let id):
                clientTimedOut(id)
            case .deliverStrayResponse(let response, _):
                strayResponse(response)
            default:
                break
            }
        }
    }

    private func timerFired(_ id: SIPTimerID) {
        let now = timers.now
        let actions = layer.withLock { $0.timerFired(id, now: now) }
        perform(actions)
    }

    private func dispatch(_ request: SIPRequest, id: SIPServerTransactionID, from peer: SIPPeer) {
        switch request.method {
        case .register:
            switch registrar.screen(request, from: peer) {
            case .drop:
                break
            case .respond(let response):
                respond(response, to: id)
            case .authenticate(let credentials, let domain, let aor):
                // Memory only (the registrar's caches): answered right here, no hop off the event loop.
                if let response = registrar.authenticate(
                    request, credentials: credentials, domain: domain, aor: aor, from: peer)
                {
                    respond(response, to: id)
                }
            }
        case .options:
            respond(optionsResponse(to: request), to: id)
        case .invite:
            handleInvite(request, id: id, from: peer)
        case _ where request.headers.to?.tag != nil:
            handleInDialog(request, id: id)
        default:
            // Calls and other dialog methods come with the call engine; until then say so plainly.
            var response = SIPResponse(replyingTo: request, statusCode: 501, toTag: SIPTag.random())
            response.headers.add("Allow", SIPEndpoint.allowedMethods)
            respond(response, to: id)
        }
    }

    func spawn(_ work: @escaping @Sendable () async -> Void) {
        inFlight.withLock { state in
            let key = state.next
            state.next &+= 1
            state.tasks[key] = Task { [weak self] in
                await work()
                _ = self?.inFlight.withLock { $0.tasks.removeValue(forKey: key) }
            }
        }
    }

    /// Waits until every piece of work handed off the event loop has finished.
    public func waitUntilIdle() async {
        while let pending = inFlight.withLock({ $0.tasks.first?.value }) {
            await pending.value
        }
    }

    /// RFC 3261 §11.2: 200 with Allow, Accept, Supported (a keep-alive for phones and proxies).
    func optionsResponse(to request: SIPRequest) -> SIPResponse {
        var response = SIPResponse(replyingTo: request, statusCode: 200, toTag: SIPTag.random())
        response.headers.add("Allow", SIPEndpoint.allowedMethods)
        response.headers.add("Accept", "application/sdp")
        response.headers.add("Supported", "path, outbound")
        return response
    }

    // MARK: Bad input

    /// A message that does not parse gets a stateless 400 (or 513) when enough of it survives to build a
    /// response (RFC 3261 §8.2.6 needs Via, From, To, Call-ID, CSeq); otherwise it is dropped.
    private func rejectUnparsable(_ bytes: [UInt8], error: Error, from peer: SIPPeer) {
        let parseError = error as? SIPParseError ?? SIPParseError(.invalidHeader, "\(error)")
        guard let response = SIPLenientReply.response(to: bytes, status: parseError.statusCode, reason: parseError)
        else {
            logger.debug("dropped unparsable message", metadata: ["peer": "\(peer)", "error": "\(parseError)"])
            return
        }
        logger.info("rejected malformed request", metadata: ["peer": "\(peer)", "error": "\(parseError)"])
        sink.send(response, to: peer)
    }
}
