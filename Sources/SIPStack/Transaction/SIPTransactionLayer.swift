import SIPMessage

/// The sans-IO SIP transaction layer (RFC 3261 §17, with RFC 6026): it holds every client and server
/// transaction, matches incoming messages to them, and turns inputs into `SIPTransactionAction`s.
///
/// Matching uses dictionary lookups only: client transactions by branch + CSeq method (§17.1.3), server
/// transactions by branch + sent-by + method (§17.2.3), where an ACK looks up its INVITE and a CANCEL
/// has its own key and finds the INVITE it cancels under the INVITE key. Requests whose branch lacks
/// the `z9hG4bK` cookie (RFC 2543 peers) are matched by the §17.2.3 fallback (Request-URI, tags, Call-ID,
/// CSeq, top Via), so their retransmissions are absorbed too.
///
/// Responses go back to the peer the request came from (for stream transports, on its connection),
/// which is the symmetric routing of RFC 3581 that NAT traversal needs.
public struct SIPTransactionLayer: Sendable {
    public var timers: SIPTimerConfiguration
    /// Whether an INVITE server transaction answers 100 Trying at once (§17.2.1).
    public var sendsTrying: Bool

    private let branchSeed: String
    private var nextSerial: UInt64 = 1
    private var clients: [UInt64: (key: SIPClientTransactionKey, transaction: SIPClientTransaction)] = [:]
    private var clientIndex: [SIPClientTransactionKey: UInt64] = [:]
    private var servers: [UInt64: (key: SIPServerTransactionKey, transaction: SIPServerTransaction)] = [:]
    private var serverIndex: [SIPServerTransactionKey: UInt64] = [:]
    /// Transactions per stream connection, for `transportFailed(connectionID:now:)`.
    private var connections: [UInt64: Set<SIPTransactionID>] = [:]

    /// - Parameter branchSeed: the unique part of generated branches; random unless a test fixes it.
    public init(timers: SIPTimerConfiguration = SIPTimerConfiguration(), sendsTrying: Bool = true, branchSeed: String? = nil) {
        self.timers = timers
        self.sendsTrying = sendsTrying
        self.branchSeed = branchSeed ?? String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    public var clientTransactionCount: Int { clients.count }
    public var serverTransactionCount: Int { servers.count }

    public func clientTransaction(_ id: SIPClientTransactionID) -> SIPClientTransaction? { clients[id.rawValue]?.transaction }
    public func serverTransaction(_ id: SIPServerTransactionID) -> SIPServerTransaction? { servers[id.rawValue]?.transaction }

    private mutating func makeSerial() -> UInt64 {
        defer { nextSerial += 1 }
        return nextSerial
    }

    // MARK: - Client side (RFC 3261 §17.1)

    /// Starts a client transaction for `request` and sends it. The request must carry a top Via; when
    /// that Via has no branch, a `z9hG4bK` branch unique to this layer is added (§8.1.1.7).
    ///
    /// An ACK creates no transaction (the ACK for a 2xx is the TU's, §17.1.1.3): it is only transmitted,
    /// and the returned id names no transaction. A CANCEL gets a transaction of its own; build it with
    /// `SIPRequest.makeCANCEL()` so that it shares the INVITE's branch (§9.1).
    public mutating func sendRequest(
        _ request: SIPRequest, to peer: SIPPeer, now: SIPInstant
    ) -> (SIPClientTransactionID, [SIPTransactionAction]) {
        let serial = makeSerial()
        let id = SIPClientTransactionID(rawValue: serial)
        var request = request
        let branch = ensureBranch(&request, serial: serial)
        if request.method == .ack { return (id, [.transmit(.request(request), to: peer)]) }
        let key = SIPClientTransactionKey(branch: branch, method: request.cseq?.method ?? request.method)
        var transaction: SIPClientTransaction =
            request.method == .invite
            ? .invite(SIPInviteClientTransaction(id: id, request: request, peer: peer, timers: timers))
            : .nonInvite(SIPNonInviteClientTransaction(id: id, request: request, peer: peer, timers: timers))
        let actions = transaction.start(now: now)
        clients[serial] = (key, transaction)
        clientIndex[key] = serial
        track(.client(id), on: peer)
        return (id, actions)
    }

    /// Matches a response to its client transaction (§17.1.3). A 2xx to INVITE without one goes to the TU
    /// as a stray (for the dialog layer to ACK again); any other unmatched response is discarded (§18.1.2).
    public mutating func receivedResponse(_ response: SIPResponse, from peer: SIPPeer, now: SIPInstant) -> [SIPTransactionAction] {
        guard let branch = response.topVia?.branch, let cseq = response.cseq else { return [] }
        guard let serial = clientIndex[SIPClientTransactionKey(branch: branch, method: cseq.method)] else {
            let stray = cseq.method == .invite && (200..<300).contains(response.statusCode)
            return stray ? [.deliverStrayResponse(response, from: peer)] : []
        }
        let actions = clients[serial]!.transaction.receivedResponse(response, now: now)
        removeClientIfTerminated(serial)
        return actions
    }

    // MARK: - Server side (RFC 3261 §17.2)

    /// Matches a request to its server transaction (§17.2.3) or creates one. Requests without a Via are
    /// dropped (no response could be routed); a request without CSeq or Call-ID is dropped as well.
    public mutating func receivedRequest(_ request: SIPRequest, from peer: SIPPeer, now: SIPInstant) -> [SIPTransactionAction] {
        guard request.cseq != nil, request.callID != nil else { return [] }
        let ownMethod: SIPMethod = request.method == .ack ? .invite : request.method
        guard let key = SIPServerTransactionKey(request, method: ownMethod) else { return [] }
        if let serial = serverIndex[key], servers[serial]!.transaction.matches(request, legacy: key.isLegacy) {
            let actions = servers[serial]!.transaction.receivedRequest(request, now: now)
            removeServerIfTerminated(serial)
            return actions
        }
        if request.method == .ack { return [.deliverStrayACK(request, from: peer)] }
        let id = SIPServerTransactionID(rawValue: makeSerial())
        var transaction: SIPServerTransaction
        var actions: [SIPTransactionAction] = []
        if request.method == .invite {
            var ist = SIPInviteServerTransaction(id: id, request: request, peer: peer, timers: timers, sendsTrying: sendsTrying)
            actions = ist.start(now: now)
            transaction = .invite(ist)
        } else {
            transaction = .nonInvite(SIPNonInviteServerTransaction(id: id, request: request, peer: peer, timers: timers))
        }
        servers[id.rawValue] = (key, transaction)
        serverIndex[key] = id.rawValue
        track(.server(id), on: peer)
        if request.method == .cancel {
            actions.append(.deliverCancel(request, cancelled: cancelledTransaction(by: request), transaction: id, from: peer))
        } else {
            actions.append(.deliverRequest(request, id, from: peer))
        }
        return actions
    }

    /// The INVITE server transaction a CANCEL matches (§9.2: the §17.2.3 rules with method INVITE).
    private func cancelledTransaction(by cancel: SIPRequest) -> SIPServerTransactionID? {
        guard let key = SIPServerTransactionKey(cancel, method: .invite), let serial = serverIndex[key],
            let entry = servers[serial], case .invite = entry.transaction
        else { return nil }
        return entry.transaction.id
    }

    /// Sends a TU response on a server transaction. Ids of ended transactions, and responses the
    /// transaction's state does not allow (e.g. a second final response), produce no actions.
    public mutating func sendResponse(_ response: SIPResponse, for id: SIPServerTransactionID, now: SIPInstant) -> [SIPTransactionAction] {
        guard servers[id.rawValue] != nil else { return [] }
        let actions = servers[id.rawValue]!.transaction.sendResponse(response, now: now)
        removeServerIfTerminated(id.rawValue)
        return actions
    }

    // MARK: - Timers and transport

    /// A timer requested by `.startTimer` fired. Stale timers (ended transactions, states that no longer
    /// run that timer) are ignored.
    public mutating func timerFired(_ timer: SIPTimerID, now: SIPInstant) -> [SIPTransactionAction] {
        switch timer.transaction {
        case .client(let id):
            guard clients[id.rawValue] != nil else { return [] }
            let actions = clients[id.rawValue]!.transaction.timerFired(timer.name, now: now)
            removeClientIfTerminated(id.rawValue)
            return actions
        case .server(let id):
            guard servers[id.rawValue] != nil else { return [] }
            let actions = servers[id.rawValue]!.transaction.timerFired(timer.name, now: now)
            removeServerIfTerminated(id.rawValue)
            return actions
        }
    }

    /// A stream connection closed or failed: every transaction on it ends (RFC 3261 §17.1.4, §17.2.4).
    public mutating func transportFailed(connectionID: UInt64, now: SIPInstant) -> [SIPTransactionAction] {
        guard let ids = connections.removeValue(forKey: connectionID) else { return [] }
        var actions: [SIPTransactionAction] = []
        for id in ids.sorted(by: { $0.serial < $1.serial }) {
            switch id {
            case .client(let c):
                guard clients[c.rawValue] != nil else { continue }
                actions += clients[c.rawValue]!.transaction.transportFailed()
                removeClientIfTerminated(c.rawValue)
            case .server(let s):
                guard servers[s.rawValue] != nil else { continue }
                actions += servers[s.rawValue]!.transaction.transportFailed()
                removeServerIfTerminated(s.rawValue)
            }
        }
        return actions
    }

    // MARK: - Bookkeeping

    private mutating func track(_ id: SIPTransactionID, on peer: SIPPeer) {
        guard let connection = peer.connectionID else { return }
        connections[connection, default: []].insert(id)
    }

    private mutating func untrack(_ id: SIPTransactionID, on peer: SIPPeer) {
        guard let connection = peer.connectionID else { return }
        connections[connection]?.remove(id)
        if connections[connection]?.isEmpty == true { connections[connection] = nil }
    }

    private mutating func removeClientIfTerminated(_ serial: UInt64) {
        guard let entry = clients[serial], entry.transaction.isTerminated else { return }
        clients[serial] = nil
        if clientIndex[entry.key] == serial { clientIndex[entry.key] = nil }
        untrack(.client(entry.transaction.id), on: entry.transaction.peer)
    }

    private mutating func removeServerIfTerminated(_ serial: UInt64) {
        guard let entry = servers[serial], entry.transaction.isTerminated else { return }
        servers[serial] = nil
        if serverIndex[entry.key] == serial { serverIndex[entry.key] = nil }
        untrack(.server(entry.transaction.id), on: entry.transaction.peer)
    }

    /// Returns the top Via's branch, adding `z9hG4bK<seed>.<serial>` when it has none.
    private func ensureBranch(_ request: inout SIPRequest, serial: UInt64) -> String {
        guard var via = request.topVia else {
            preconditionFailure("SIPTransactionLayer.sendRequest: the TU must add a Via header (RFC 3261 §8.1.1.7)")
        }
        if let branch = via.branch { return branch }
        let branch = SIPVia.magicCookie + branchSeed + "." + String(serial, radix: 36)
        via.parameters.set("branch", branch)
        request.headers.replaceTopVia(with: via)
        return branch
    }
}

extension SIPTransactionID {
    var serial: UInt64 {
        switch self {
        case .client(let id): return id.rawValue
        case .server(let id): return id.rawValue
        }
    }
}

extension SIPServerTransaction {
    /// The lookup already matched the key; RFC 2543 keys also need the To tag to agree (§17.2.3).
    func matches(_ request: SIPRequest, legacy: Bool) -> Bool {
        !legacy || matchesLegacyToTag(of: request)
    }
}

extension SIPHeaders {
    /// Replaces the first Via element, keeping any further elements of the same field and all other fields.
    mutating func replaceTopVia(with via: SIPVia) {
        var rebuilt = SIPHeaders()
        var replaced = false
        for field in self {
            if !replaced && SIPHeaders.canonicalKey(field.name) == "via" {
                replaced = true
                let rest = SIPHeaders.splitElements(field.value).dropFirst()
                rebuilt.add(field.name, ([via.description] + rest).joined(separator: ", "))
            } else {
                rebuilt.add(field.name, field.value)
            }
        }
        self = rebuilt
    }
}
