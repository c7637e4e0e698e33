import SIPMessage
import Testing

@testable import SIPStack

/// The layer as a whole: clock values, timer ids, two layers talking to each other, and bookkeeping
/// under load.
@Suite struct TransactionLayerTests {
    static let alice = SIPPeer(transport: .udp, host: "192.0.2.10", port: 5060)
    static let bob = SIPPeer(transport: .udp, host: "192.0.2.20", port: 5060)

    @Test func instantArithmetic() {
        let t = SIPInstant(nanoseconds: 1_000)
        #expect(t + .milliseconds(1) == SIPInstant(nanoseconds: 1_001_000))
        #expect((t + .seconds(2)) - t == .seconds(2))
        #expect(t - .nanoseconds(1_000) == .zero)
        #expect(t < t + .nanoseconds(1))
        var u = t
        u += .microseconds(3)
        #expect(u.nanoseconds == 4_000)
    }

    @Test func defaultTimerValues() {
        let c = SIPTimerConfiguration()
        #expect(c.t1 == .milliseconds(500) && c.t2 == .seconds(4) && c.t4 == .seconds(5))
        #expect(c.transactionTimeout == .seconds(32))
        #expect(c.timerD(reliable: false) == .seconds(32) && c.timerD(reliable: true) == .zero)
        #expect(c.timerIK(reliable: false) == .seconds(5) && c.timerIK(reliable: true) == .zero)
        #expect(c.timerJ(reliable: false) == .seconds(32) && c.timerJ(reliable: true) == .zero)
        #expect(c.doubledCapped(.seconds(3)) == .seconds(4))
    }

    @Test func customT1ScalesEveryDerivedTimer() {
        var h = TransactionHarness(layer: SIPTransactionLayer(timers: SIPTimerConfiguration(t1: .milliseconds(100)), branchSeed: "s"))
        let (id, actions) = h.send(TestMessage.request(.options), to: TestPeer.udp)
        #expect(actions.contains(.startTimer(SIPTimerID(.client(id), .e), at: .zero + .milliseconds(100))))
        #expect(actions.contains(.startTimer(SIPTimerID(.client(id), .f), at: .zero + .milliseconds(6_400))))
    }

    @Test func timerIDsAreUniquePerTransactionAndTimer() {
        var h = TransactionHarness()
        let (first, a) = h.send(TestMessage.request(.invite, branch: "z9hG4bK1"), to: TestPeer.udp)
        let (second, b) = h.send(TestMessage.request(.invite, branch: "z9hG4bK2"), to: TestPeer.udp)
        #expect(first != second)
        let ids = a.startedTimers + b.startedTimers
        #expect(Set(ids).count == 4)
        // A branch reused after its transaction ended still gets a fresh id, so old timers cannot hit it.
        _ = h.receive(TestMessage.response(200, to: TestMessage.request(.invite, branch: "z9hG4bK1")), from: TestPeer.udp)
        _ = h.advance(by: .seconds(32))
        let (third, _) = h.send(TestMessage.request(.invite, branch: "z9hG4bK1"), to: TestPeer.udp)
        #expect(third != first)
        #expect(h.layer.timerFired(SIPTimerID(.client(first), .b), now: h.now).isEmpty)
        #expect(h.layer.clientTransaction(third) != nil)
    }

    /// Moves every `.transmit` of `actions` to the other side, except those `drop` rejects.
    private static func deliver(
        _ actions: [SIPTransactionAction], into other: inout TransactionHarness, from peer: SIPPeer,
        drop: (SIPMessage) -> Bool = { _ in false }
    ) -> [SIPTransactionAction] {
        var out: [SIPTransactionAction] = []
        for case .transmit(let message, _) in actions where !drop(message) {
            switch message {
            case .request(let r): out += other.receive(r, from: peer)
            case .response(let r): out += other.receive(r, from: peer)
            }
        }
        return out
    }

    @Test func callSetupAcrossTwoLayersWithALostInvite() throws {
        var uac = TransactionHarness(layer: SIPTransactionLayer(branchSeed: "alice"))
        var uas = TransactionHarness(layer: SIPTransactionLayer(branchSeed: "bob"))
        let via = SIPVia(transport: "UDP", host: "192.0.2.10", port: 5060)
        let invite = TestMessage.request(.invite, branch: nil, sentBy: "192.0.2.10:5060")

        // The first INVITE is lost; Timer A brings the retransmission 500 ms later.
        let (inviteID, sent) = uac.send(invite, to: Self.bob)
        #expect(Self.deliver(sent, into: &uas, from: Self.alice, drop: { _ in true }).isEmpty)
        let retransmitted = uac.advance(by: .milliseconds(500))
        uas.now = uac.now
        let atUAS = Self.deliver(retransmitted, into: &uas, from: Self.alice)
        let (request, serverID) = try #require(atUAS.deliveredRequests.first)
        #expect(Self.deliver(atUAS, into: &uac, from: Self.bob).deliveredResponses.map(\.statusCode) == [100])

        // Bob rings, then answers; Alice gets both once and builds her dialog from the 200.
        let ringing = TestMessage.response(180, to: request, toTag: "bob-tag")
        #expect(Self.deliver(uas.respond(ringing, on: serverID), into: &uac, from: Self.bob) == [.deliverResponse(ringing, inviteID)])
        let ok = TestMessage.response(200, to: request, toTag: "bob-tag", contact: "<sip:bob@192.0.2.20>")
        let okAtUAC = Self.deliver(uas.respond(ok, on: serverID), into: &uac, from: Self.bob)
        #expect(okAtUAC.deliveredResponses == [ok])
        var aliceDialog = try #require(SIPDialog(uacRequest: request, response: ok))
        let bobDialog = try #require(SIPDialog(uasRequest: request, response: ok, receivedOver: .udp))
        #expect(aliceDialog.id.callID == bobDialog.id.callID)
        #expect(aliceDialog.id.localTag == bobDialog.id.remoteTag && aliceDialog.id.remoteTag == bobDialog.id.localTag)

        // The ACK for the 2xx is the dialog's: a new branch, no transaction, a stray ACK at Bob.
        let ack = aliceDialog.makeACK(forInviteSequence: 1, via: via)
        let (_, ackSent) = uac.send(ack, to: Self.bob)
        let ackAtUAS = Self.deliver(ackSent, into: &uas, from: Self.alice)
        guard case .deliverStrayACK(let receivedACK, _) = try #require(ackAtUAS.first) else {
            Issue.record("expected a stray ACK, got \(ackAtUAS)")
            return
        }
        #expect(receivedACK.topVia?.branch != request.topVia?.branch)
        #expect(SIPDialogID(receivedRequest: receivedACK) == bobDialog.id)

        // BYE in the dialog: a non-INVITE transaction on each side.
        let bye = aliceDialog.makeRequest(.bye, via: via)
        let (byeID, byeSent) = uac.send(bye, to: Self.bob)
        let byeAtUAS = Self.deliver(byeSent, into: &uas, from: Self.alice)
        let (byeRequest, byeServerID) = try #require(byeAtUAS.deliveredRequests.first)
        #expect(SIPDialogID(receivedRequest: byeRequest) == bobDialog.id)
        let byeOK = TestMessage.response(200, to: byeRequest)
        #expect(Self.deliver(uas.respond(byeOK, on: byeServerID), into: &uac, from: Self.bob).contains(.deliverResponse(byeOK, byeID)))

        // Everything winds down on its timers.
        _ = uac.advance(by: .seconds(40))
        _ = uas.advance(by: .seconds(40))
        #expect(uac.layer.clientTransactionCount == 0 && uas.layer.serverTransactionCount == 0)
        #expect(uac.timers.isEmpty && uas.timers.isEmpty)
    }

    @Test func manyTransactionsAreAllReclaimed() {
        var layer = SIPTransactionLayer(branchSeed: "load")
        var now = SIPInstant.zero
        var pending: [SIPTimerID: SIPInstant] = [:]
        for n in 0..<8_000 {
            let request = TestMessage.request(.options, branch: "z9hG4bKload\(n)", sentBy: "198.51.100.\(n % 250):5060")
            let actions = layer.receivedRequest(request, from: TestPeer.tcp, now: now)
            guard case .deliverRequest(_, let id, _) = actions.last else {
                Issue.record("no delivery for \(n)")
                return
            }
            for case .startTimer(let t, let at) in layer.sendResponse(SIPResponse(replyingTo: request, statusCode: 200), for: id, now: now) {
                pending[t] = at
            }
            now += .microseconds(125)
        }
        // TCP: Timer J is zero, so every transaction ended with its response.
        #expect(pending.isEmpty)
        #expect(layer.serverTransactionCount == 0)
        #expect(layer.transportFailed(connectionID: 7, now: now).isEmpty)
    }
}
