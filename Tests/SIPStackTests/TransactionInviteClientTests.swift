import SIPMessage
import Testing

@testable import SIPStack

/// INVITE client transaction, RFC 3261 §17.1.1 with RFC 6026 §7.2 (Accepted state, Timer M).
@Suite struct TransactionInviteClientTests {
    let invite = TestMessage.request(.invite, extra: [("Route", "<sip:proxy.example.com;lr>")])

    @Test func timerADoublesOnUDPAndTimerBTimesOut() {
        var h = TransactionHarness()
        let (id, start) = h.send(invite, to: TestPeer.udp)
        #expect(start.transmittedRequests == [invite])
        #expect(start.startedTimers == [SIPTimerID(.client(id), .a), SIPTimerID(.client(id), .b)])
        let fired = h.advance(by: .seconds(40))
        // §17.1.1.2: retransmissions at intervals T1, 2T1, 4T1 … until Timer B (64·T1 = 32 s).
        #expect(h.transmitTimesMs == [0, 500, 1_500, 3_500, 7_500, 15_500, 31_500])
        #expect(h.sent.allSatisfy { $0.message == .request(invite) })
        #expect(fired.suffix(2) == [.clientTimedOut(id), .terminated(.client(id))])
        #expect(h.layer.clientTransaction(id) == nil)
        #expect(h.timers.isEmpty)
    }

    @Test func reliableTransportHasNoTimerA() {
        var h = TransactionHarness()
        let (id, start) = h.send(invite, to: TestPeer.tcp)
        #expect(start.startedTimers == [SIPTimerID(.client(id), .b)])
        let fired = h.advance(by: .seconds(32))
        #expect(h.transmitTimesMs == [0])
        #expect(fired == [.clientTimedOut(id), .terminated(.client(id))])
    }

    @Test func provisionalStopsRetransmissionsAndTimerB() throws {
        var h = TransactionHarness()
        let (id, _) = h.send(invite, to: TestPeer.udp)
        _ = h.advance(by: .milliseconds(600))
        let ringing = TestMessage.response(180, to: invite)
        let actions = h.receive(ringing, from: TestPeer.udp)
        #expect(actions == [.cancelTimer(SIPTimerID(.client(id), .a)), .cancelTimer(SIPTimerID(.client(id), .b)), .deliverResponse(ringing, id)])
        guard case .invite(let t) = try #require(h.layer.clientTransaction(id)) else { Issue.record("kind"); return }
        #expect(t.state == .proceeding)
        // No retransmission and no Timer B timeout in Proceeding (RFC 3261 Figure 5).
        #expect(h.advance(by: .seconds(120)).isEmpty)
        #expect(h.transmitTimesMs == [0, 500])
        #expect(h.receive(ringing, from: TestPeer.udp) == [.deliverResponse(ringing, id)])
    }

    @Test func nonSuccessFinalIsACKedByTheTransaction() throws {
        var h = TransactionHarness()
        let (id, _) = h.send(invite, to: TestPeer.udp)
        let busy = TestMessage.response(486, to: invite, toTag: "busy-tag")
        let actions = h.receive(busy, from: TestPeer.udp)
        #expect(actions.deliveredResponses == [busy])
        let ack = try #require(actions.transmittedRequests.first)
        // §17.1.1.3: Request-URI, Call-ID, From, CSeq number of the INVITE; To of the response; one Via
        // equal to the INVITE's top Via; the INVITE's Route headers.
        #expect(ack.method == .ack)
        #expect(ack.uri == invite.uri)
        #expect(ack.headers.values("Via") == invite.headers.values("Via"))
        #expect(ack.headers["To"] == busy.headers["To"])
        #expect(ack.headers.to?.tag == "busy-tag")
        #expect(ack.headers["From"] == invite.headers["From"])
        #expect(ack.callID == invite.callID)
        #expect(ack.cseq == SIPCSeq(sequence: 1, method: .ack))
        #expect(ack.headers.values("Route") == ["<sip:proxy.example.com;lr>"])
        #expect(actions.startedTimers == [SIPTimerID(.client(id), .d)])
        // A retransmitted final response is answered with the same ACK and not passed up again.
        #expect(h.receive(busy, from: TestPeer.udp) == [.transmit(.request(ack), to: TestPeer.udp)])
        #expect(h.advance(by: .milliseconds(31_999)).isEmpty)
        #expect(h.advance(by: .milliseconds(1)) == [.terminated(.client(id))])
        #expect(h.layer.clientTransactionCount == 0)
    }

    @Test func nonSuccessFinalOnReliableTransportTerminatesAtOnce() {
        var h = TransactionHarness()
        let (id, _) = h.send(invite, to: TestPeer.tcp)
        let decline = TestMessage.response(603, to: invite)
        let actions = h.receive(decline, from: TestPeer.tcp)
        // Timer D is zero on reliable transports (§17.1.1.2).
        #expect(actions.transmittedRequests.map(\.method) == [.ack])
        #expect(actions.deliveredResponses == [decline])
        #expect(actions.last == .terminated(.client(id)))
        #expect(!actions.startedTimers.contains { $0.name == .d })
        #expect(h.layer.clientTransactionCount == 0)
    }

    @Test func successMovesToAcceptedAndPassesEvery2xxUntilTimerM() {
        var h = TransactionHarness()
        let (id, _) = h.send(invite, to: TestPeer.udp)
        let ok = TestMessage.response(200, to: invite, contact: "<sip:bob@192.0.2.20>")
        let actions = h.receive(ok, from: TestPeer.udp)
        #expect(actions.deliveredResponses == [ok])
        #expect(actions.transmitted.isEmpty)  // the ACK for a 2xx is the TU's (§13.2.2.4)
        #expect(actions.startedTimers == [SIPTimerID(.client(id), .m)])
        // RFC 6026 §7.2: retransmissions and forked 2xx go to the TU while Accepted.
        let forked = TestMessage.response(200, to: invite, toTag: "fork-2", contact: "<sip:bob@192.0.2.21>")
        #expect(h.receive(ok, from: TestPeer.udp) == [.deliverResponse(ok, id)])
        #expect(h.receive(forked, from: TestPeer.udp) == [.deliverResponse(forked, id)])
        #expect(h.receive(TestMessage.response(486, to: invite), from: TestPeer.udp).isEmpty)
        #expect(h.advance(by: .seconds(32)) == [.terminated(.client(id))])
        // After Timer M a 2xx retransmission is a stray for the dialog layer.
        #expect(h.receive(ok, from: TestPeer.udp) == [.deliverStrayResponse(ok, from: TestPeer.udp)])
        #expect(h.transmitTimesMs == [0])
    }

    @Test func responsesMatchByBranchAndCSeqMethod() {
        var h = TransactionHarness()
        let (id, _) = h.send(invite, to: TestPeer.udp)
        // Same branch, CSeq method CANCEL: belongs to the CANCEL transaction, not the INVITE (§17.1.3).
        var cancelOK = TestMessage.response(200, to: invite)
        cancelOK.headers.set("CSeq", "1 CANCEL")
        #expect(h.receive(cancelOK, from: TestPeer.udp).isEmpty)
        var otherBranch = TestMessage.response(180, to: invite)
        otherBranch.headers.set("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKother")
        #expect(h.receive(otherBranch, from: TestPeer.udp).isEmpty)
        #expect(h.receive(TestMessage.response(180, to: invite), from: TestPeer.udp).deliveredResponses.count == 1)
        #expect(h.layer.clientTransaction(id) != nil)
    }

    @Test func transportFailureInformsTheTU() {
        var h = TransactionHarness()
        let (id, _) = h.send(invite, to: TestPeer.tcp)
        let actions = h.apply(h.layer.transportFailed(connectionID: 7, now: h.now))
        #expect(actions == [.cancelTimer(SIPTimerID(.client(id), .b)), .transportError(.client(id)), .terminated(.client(id))])
        #expect(h.layer.clientTransactionCount == 0)
        #expect(h.layer.transportFailed(connectionID: 7, now: h.now).isEmpty)
    }

    @Test func staleTimersAreIgnored() {
        var h = TransactionHarness()
        let (id, _) = h.send(invite, to: TestPeer.udp)
        _ = h.receive(TestMessage.response(180, to: invite), from: TestPeer.udp)
        // A shell may fire a timer it failed to cancel in time; the Proceeding state ignores it.
        #expect(h.layer.timerFired(SIPTimerID(.client(id), .a), now: h.now).isEmpty)
        #expect(h.layer.timerFired(SIPTimerID(.client(id), .b), now: h.now).isEmpty)
        #expect(h.layer.timerFired(SIPTimerID(.client(SIPClientTransactionID(rawValue: 999)), .b), now: h.now).isEmpty)
    }
}
