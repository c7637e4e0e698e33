import Logging
import SIPMessage
import SIPStack
import SwitchCore
import Synchronization

/// The calls in progress, by dialog key (Call-ID + the caller's tag) and by INVITE transaction (for CANCEL),
/// and the INVITEs cancelled before their call existed (still being routed).
final class SIPCallTable: Sendable {
    private struct Table: Sendable {
        var byKey: [String: SIPServerCall] = [:]
        var byTransaction: [SIPServerTransactionID: (call: SIPServerCall, key: String)] = [:]
        var cancelledEarly: Set<SIPServerTransactionID> = []
    }

    private let calls = Mutex(Table())

    static func key(callID: String, remoteTag: String) -> String { callID + "\u{1}" + remoteTag }

    /// Adds the call; returns true when its INVITE was cancelled while it was being set up (the caller ends it).
    func insert(_ call: SIPServerCall, key: String) -> Bool {
        calls.withLock {
            $0.byKey[key] = call
            $0.byTransaction[call.transaction] = (call, key)
            return $0.cancelledEarly.remove(call.transaction) != nil
        }
    }

    func remove(_ call: SIPServerCall) {
        calls.withLock { table in
            guard let entry = table.byTransaction.removeValue(forKey: call.transaction) else { return }
            if table.byKey[entry.key] === call { table.byKey.removeValue(forKey: entry.key) }
        }
    }

    /// The call a CANCEL ends, or nil when there is none yet: the cancel is then kept for `insert`.
    func cancel(transaction: SIPServerTransactionID) -> SIPServerCall? {
        calls.withLock { table in
            if let entry = table.byTransaction[transaction] { return entry.call }
            table.cancelledEarly.insert(transaction)
            return nil
        }
    }

    /// Drops a kept cancel whose INVITE got its final answer without a call (rejected while routing).
    func discardCancel(transaction: SIPServerTransactionID) {
        _ = calls.withLock { $0.cancelledEarly.remove(transaction) }
    }

    func call(key: String) -> SIPServerCall? { calls.withLock { $0.byKey[key] } }
    func call(transaction: SIPServerTransactionID) -> SIPServerCall? { calls.withLock { $0.byTransaction[transaction]?.call } }
    var count: Int { calls.withLock { $0.byKey.count } }
}

extension SIPEndpoint {
    /// Number of calls with a live SIP leg.
    public var activeCallCount: Int { calls.count }

    /// In-dialog requests for our calls: BYE ends the call (200, then the session hangs up with
    /// NORMAL_CLEARING); anything else we cannot serve yet gets 501 inside the dialog; unknown dialogs 481.
    func handleInDialog(_ request: SIPRequest, id: SIPServerTransactionID) {
        guard let callID = request.callID, let remoteTag = request.headers.from?.tag else {
            respond(SIPResponse(replyingTo: request, statusCode: 481), to: id)
            return
        }
        let key = SIPCallTable.key(callID: callID, remoteTag: remoteTag)
        if let outgoing = clientCalls.call(key: key) {
            switch request.method {
            case .bye:
                respond(SIPResponse(replyingTo: request, statusCode: 200), to: id)
                outgoing.remoteEnded(.normalClearing)
                forget(outgoing)
            case .info:
                handleInfo(request, id: id, media: outgoing.media)
            default:
                respond(SIPResponse(replyingTo: request, statusCode: 501), to: id)
            }
            return
        }
        guard let call = calls.call(key: key) else {
            respond(SIPResponse(replyingTo: request, statusCode: 481), to: id)
            return
        }
        switch request.method {
        case .bye:
            respond(SIPResponse(replyingTo: request, statusCode: 200), to: id)
            call.remoteEnded(.normalClearing, dialogEnded: true)
            forget(call)
        case .info:
            handleInfo(request, id: id, media: call.media)
        default:
            respond(SIPResponse(replyingTo: request, statusCode: 501), to: id)
        }
    }

    func receivedStrayACK(_ request: SIPRequest) {
        guard let callID = request.callID, let remoteTag = request.headers.from?.tag else { return }
        receivedReinviteACK(request)
        calls.call(key: SIPCallTable.key(callID: callID, remoteTag: remoteTag))?.receivedACK()
    }

    /// CANCEL (RFC 3261 §9.2): 200 for the CANCEL; the INVITE gets 487 when the session hangs up with
    /// ORIGINATOR_CANCEL.
    func receivedCancel(_ request: SIPRequest, cancelled: SIPServerTransactionID?, id: SIPServerTransactionID) {
        respond(SIPResponse(replyingTo: request, statusCode: 200), to: id)
        guard let cancelled, let call = calls.cancel(transaction: cancelled) else { return }
        call.remoteEnded(.originatorCancel)
    }

    /// §13.3.1.4: over UDP the 2xx is retransmitted (T1 doubling to T2) until the ACK; with no ACK after
    /// 64·T1 the call is ended with BYE. Runs on the SIP timers (no task per call): the ACK cancels it.
    func retransmitUntilACK(_ call: SIPServerCall) {
        guard call.peer.transport == .udp else { return }
        scheduleOKRetransmission(call, after: .milliseconds(500), waited: .zero)
    }

    /// Stops the 2xx retransmission of `call` (its ACK came, or it ended).
    func stopOKRetransmission(_ call: SIPServerCall) {
        timers.cancel(SIPTimerID(.server(call.transaction), .okRetransmission))
    }

    private func scheduleOKRetransmission(_ call: SIPServerCall, after interval: Duration, waited: Duration) {
        let id = SIPTimerID(.server(call.transaction), .okRetransmission)
        timers.schedule(id, at: timers.now + interval) { [weak self, weak call] in
            guard let self, let call, call.phase == .answered else { return }
            let waited = waited + interval
            guard waited < .seconds(32) else {
                self.logger.notice("no ACK for 2xx; ending the call", metadata: ["call-id": "\(call.invite.callID ?? "")"])
                call.remoteEnded(.recoveryOnTimerExpire)
                return
            }
            guard let ok = call.state.withLock({ $0.answerSent }) else { return }
            self.respond(ok, to: call.transaction)
            self.scheduleOKRetransmission(call, after: min(interval * 2, .seconds(4)), waited: waited)
        }
    }

    /// Ends an answered call leg, incoming or outgoing, from our side (RFC 3261 §15.1.1) with a Reason
    /// header carrying the cause.
    func sendBYE(for call: some SIPDialogLeg, cause: HangupCause) {
        let via = SIPVia(transport: call.peer.transport.rawValue, host: configuration.contactHost, port: configuration.contactPort)
        guard var bye = call.takeDialogForRequest(.bye, via: via) else { return }
        bye.headers.add("Reason", "Q.850;cause=\(cause.q850);text=\"\(cause.name)\"")
        let now = timers.now
        let (_, actions) = layer.withLock { $0.sendRequest(bye, to: call.peer, now: now) }
        perform(actions)
    }

    func forget(_ call: SIPServerCall) {
        stopOKRetransmission(call)
        calls.remove(call)
    }
}

/// A call leg with a dialog we can send in-dialog requests on (both UAS and UAC legs).
protocol SIPDialogLeg: Sendable {
    var peer: SIPPeer { get }
    func takeDialogForRequest(_ method: SIPMethod, via: SIPVia) -> SIPRequest?
}

extension SIPServerCall: SIPDialogLeg {}
extension SIPClientCall: SIPDialogLeg {}
