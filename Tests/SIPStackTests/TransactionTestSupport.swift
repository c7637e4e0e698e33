import SIPMessage
import Testing

@testable import SIPStack

/// Peers used across the transaction tests.
enum TestPeer {
    static let udp = SIPPeer(transport: .udp, host: "192.0.2.10", port: 5060)
    static let tcp = SIPPeer(transport: .tcp, host: "192.0.2.10", port: 5060, connectionID: 7)
    static let tls = SIPPeer(transport: .tls, host: "192.0.2.10", port: 5061, connectionID: 8)
}

/// Builds requests the way a UA would put them on the wire (RFC 3261 §8.1.1).
enum TestMessage {
    static func request(
        _ method: SIPMethod, branch: String? = "z9hG4bKtest1", sentBy: String = "192.0.2.10:5060",
        transport: String = "UDP", sequence: UInt32 = 1, fromTag: String = "alice-tag", toTag: String? = nil,
        callID: String = "call-1@192.0.2.10", uri: String = "sip:bob@example.com", extra: [(String, String)] = []
    ) -> SIPRequest {
        var headers = SIPHeaders()
        headers.add("Via", "SIP/2.0/\(transport) \(sentBy)" + (branch.map { ";branch=\($0)" } ?? ""))
        headers.add("Max-Forwards", "70")
        headers.add("From", "\"Alice\" <sip:alice@example.com>;tag=\(fromTag)")
        headers.add("To", "<sip:bob@example.com>" + (toTag.map { ";tag=\($0)" } ?? ""))
        headers.add("Call-ID", callID)
        headers.add("CSeq", "\(sequence) \(method.rawValue)")
        headers.add("Contact", "<sip:alice@192.0.2.10:5060>")
        for (name, value) in extra { headers.add(name, value) }
        return SIPRequest(method: method, uri: try! SIPURI(parsing: uri), headers: headers)
    }

    static func response(_ code: Int, to request: SIPRequest, toTag: String? = "bob-tag", contact: String? = nil) -> SIPResponse {
        var response = SIPResponse(replyingTo: request, statusCode: code, toTag: code == 100 ? nil : toTag)
        if let contact { response.headers.add("Contact", contact) }
        return response
    }
}

/// A deterministic shell around `SIPTransactionLayer`: it keeps the timers the layer asks for and fires
/// them in deadline order as the manual clock advances, the way the NIO shell does with real time.
struct TransactionHarness {
    var layer: SIPTransactionLayer
    var now = SIPInstant.zero
    private(set) var timers: [SIPTimerID: SIPInstant] = [:]
    /// Every action returned so far, in order.
    private(set) var log: [SIPTransactionAction] = []
    /// Every transmitted message with the instant it was sent.
    private(set) var sent: [(at: SIPInstant, message: SIPMessage)] = []

    init(layer: SIPTransactionLayer = SIPTransactionLayer(branchSeed: "seed")) { self.layer = layer }

    @discardableResult
    mutating func apply(_ actions: [SIPTransactionAction]) -> [SIPTransactionAction] {
        for action in actions {
            switch action {
            case .startTimer(let id, let at): timers[id] = at
            case .cancelTimer(let id): timers[id] = nil
            case .transmit(let message, _): sent.append((now, message))
            default: break
            }
        }
        log += actions
        return actions
    }

    mutating func receive(_ request: SIPRequest, from peer: SIPPeer) -> [SIPTransactionAction] {
        apply(layer.receivedRequest(request, from: peer, now: now))
    }

    mutating func receive(_ response: SIPResponse, from peer: SIPPeer) -> [SIPTransactionAction] {
        apply(layer.receivedResponse(response, from: peer, now: now))
    }

    mutating func send(_ request: SIPRequest, to peer: SIPPeer) -> (SIPClientTransactionID, [SIPTransactionAction]) {
        let (id, actions) = layer.sendRequest(request, to: peer, now: now)
        return (id, apply(actions))
    }

    mutating func respond(_ response: SIPResponse, on id: SIPServerTransactionID) -> [SIPTransactionAction] {
        apply(layer.sendResponse(response, for: id, now: now))
    }

    /// Moves the clock forward, firing every due timer in deadline order; returns their actions.
    mutating func advance(by duration: Duration) -> [SIPTransactionAction] {
        let end = now + duration
        var fired: [SIPTransactionAction] = []
        while let (id, at) = timers.filter({ $0.value <= end }).min(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.description < $1.key.description) }) {
            timers[id] = nil
            now = at
            fired += apply(layer.timerFired(id, now: now))
        }
        now = end
        return fired
    }

    /// Milliseconds since the origin at which each message was transmitted.
    var transmitTimesMs: [Int64] { sent.map { $0.at.nanoseconds / 1_000_000 } }

}

extension [SIPTransactionAction] {
    var transmitted: [SIPMessage] {
        compactMap { if case .transmit(let m, _) = $0 { return m } else { return nil } }
    }

    var transmittedRequests: [SIPRequest] {
        transmitted.compactMap { if case .request(let r) = $0 { return r } else { return nil } }
    }

    var transmittedResponses: [SIPResponse] {
        transmitted.compactMap { if case .response(let r) = $0 { return r } else { return nil } }
    }

    var deliveredResponses: [SIPResponse] {
        compactMap { if case .deliverResponse(let r, _) = $0 { return r } else { return nil } }
    }

    var deliveredRequests: [(SIPRequest, SIPServerTransactionID)] {
        compactMap { if case .deliverRequest(let r, let id, _) = $0 { return (r, id) } else { return nil } }
    }

    var startedTimers: [SIPTimerID] {
        compactMap { if case .startTimer(let id, _) = $0 { return id } else { return nil } }
    }
}
