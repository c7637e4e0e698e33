import SIPMessage
import Testing

@testable import SIPStack

/// INVITE server transaction, RFC 3261 §17.2.1 with RFC 6026 §7.1 (Accepted state, Timer L).
@Suite struct TransactionInviteServerTests {
    let invite = TestMessage.request(.invite, branch: "z9hG4bKinv1", extra: [("Timestamp", "54")])

    private func start(_ h: inout TransactionHarness, peer: SIPPeer = TestPeer.udp) throws -> SIPServerTransactionID {
        let actions = h.receive(invite, from: peer)
        let (delivered, id) = try #require(actions.deliveredRequests.first)
        #expect(delivered == invite)
        return id
    }

    private func state(_ h: TransactionHarness, _ id: SIPServerTransactionID) -> SIPInviteServerTransaction.State? {
        guard case .invite(let t) = h.layer.serverTransaction(id) else { return nil }
        return t.state
    }

    @Test func inviteIsAnsweredWithTryingAndDeliveredOnce() throws {
        var h = TransactionHarness()
        let actions = h.receive(invite, from: TestPeer.udp)
        let trying = try #require(actions.transmittedResponses.first)
        #expect(trying.statusCode == 100)
        #expect(trying.headers["Timestamp"] == "54")  // §8.2.6.1
        #expect(trying.headers.to?.tag == nil)
        #expect(actions.deliveredRequests.count == 1)
        let id = try #require(actions.deliveredRequests.first?.1)
        // A retransmission is absorbed and answered with the last provisional (§17.2.1).
        #expect(h.receive(invite, from: TestPeer.udp) == [.transmit(.response(trying), to: TestPeer.udp)])
        let ringing = TestMessage.response(180, to: invite)
        #expect(h.respond(ringing, on: id) == [.transmit(.response(ringing), to: TestPeer.udp)])
        #expect(h.receive(invite, from: TestPeer.udp) == [.transmit(.response(ringing), to: TestPeer.udp)])
        #expect(state(h, id) == .proceeding)
        #expect(h.log.deliveredRequests.count == 1)
    }

    @Test func tryingCanBeLeftToTheTU() throws {
        var h = TransactionHarness(layer: SIPTransactionLayer(sendsTrying: false, branchSeed: "s"))
        let actions = h.receive(invite, from: TestPeer.udp)
        #expect(actions.transmitted.isEmpty)
        #expect(actions.deliveredRequests.count == 1)
        // Nothing sent yet, so a retransmission gets no answer.
        #expect(h.receive(invite, from: TestPeer.udp).isEmpty)
    }

    @Test func timerGDoublesUpToT2UntilTimerH() throws {
        var h = TransactionHarness()
        let id = try start(&h)
        let busy = TestMessage.response(486, to: invite)
        let sent = h.respond(busy, on: id)
        #expect(sent.startedTimers == [SIPTimerID(.server(id), .g), SIPTimerID(.server(id), .h)])
        #expect(state(h, id) == .completed)
        let fired = h.advance(by: .seconds(33))
        // G = T1, min(2G, T2): 0.5, 1, 2, 4, 4 … s after the response (sent at 0 with the 100 Trying).
        let busyTimes = h.sent.filter { $0.message == .response(busy) }.map { $0.at.nanoseconds / 1_000_000 }
        #expect(busyTimes == [0, 500, 1_500, 3_500, 7_500, 11_500, 15_500, 19_500, 23_500, 27_500, 31_500])
        #expect(fired.suffix(2) == [.serverTimedOut(id), .terminated(.server(id))])
        #expect(h.timers.isEmpty)
        #expect(h.layer.serverTransactionCount == 0)
    }

    @Test func ackForNonSuccessConfirmsAndTimerITerminates() throws {
        var h = TransactionHarness()
        let id = try start(&h)
        let busy = TestMessage.response(486, to: invite, toTag: "uas-tag")
        _ = h.respond(busy, on: id)
        // A retransmitted INVITE in Completed gets the final response again.
        #expect(h.receive(invite, from: TestPeer.udp) == [.transmit(.response(busy), to: TestPeer.udp)])
        let ack = TestMessage.request(.ack, branch: "z9hG4bKinv1", toTag: "uas-tag")
        #expect(h.receive(ack, from: TestPeer.udp) == [
            .cancelTimer(SIPTimerID(.server(id), .g)), .cancelTimer(SIPTimerID(.server(id), .h)),
            .startTimer(SIPTimerID(.server(id), .i), at: h.now + .seconds(5)),
        ])
        #expect(state(h, id) == .confirmed)
        // Confirmed absorbs ACK and INVITE retransmissions; the ACK never reaches the TU.
        #expect(h.receive(ack, from: TestPeer.udp).isEmpty)
        #expect(h.receive(invite, from: TestPeer.udp).isEmpty)
        #expect(h.advance(by: .seconds(5)) == [.terminated(.server(id))])
        #expect(!h.log.contains { if case .deliverStrayACK = $0 { return true } else { return false } })
    }

    @Test func reliableTransportHasNoTimerGAndZeroTimerI() throws {
        var h = TransactionHarness()
        let id = try start(&h, peer: TestPeer.tcp)
        let sent = h.respond(TestMessage.response(404, to: invite), on: id)
        #expect(sent.startedTimers == [SIPTimerID(.server(id), .h)])
        let ack = TestMessage.request(.ack, branch: "z9hG4bKinv1", toTag: "bob-tag")
        #expect(h.receive(ack, from: TestPeer.tcp) == [.cancelTimer(SIPTimerID(.server(id), .h)), .terminated(.server(id))])
        #expect(h.layer.serverTransactionCount == 0)
    }

    @Test func successEndsInAcceptedWithTimerL() throws {
        var h = TransactionHarness()
        let id = try start(&h)
        let ok = TestMessage.response(200, to: invite, contact: "<sip:bob@192.0.2.20>")
        #expect(h.respond(ok, on: id) == [
            .transmit(.response(ok), to: TestPeer.udp), .startTimer(SIPTimerID(.server(id), .l), at: h.now + .seconds(32)),
        ])
        #expect(state(h, id) == .accepted)
        // RFC 6026 §7.1: INVITE retransmissions are absorbed, neither answered nor passed to the TU.
        #expect(h.receive(invite, from: TestPeer.udp).isEmpty)
        // The TU (dialog layer) retransmits the 2xx itself through the transaction.
        _ = h.advance(by: .milliseconds(500))
        #expect(h.respond(ok, on: id) == [.transmit(.response(ok), to: TestPeer.udp)])
        #expect(h.respond(TestMessage.response(500, to: invite), on: id).isEmpty)
        // The ACK for a 2xx has a new branch: no transaction, straight to the TU.
        let ack = TestMessage.request(.ack, branch: "z9hG4bKack2xx", toTag: "bob-tag")
        #expect(h.receive(ack, from: TestPeer.udp) == [.deliverStrayACK(ack, from: TestPeer.udp)])
        #expect(h.advance(by: .milliseconds(31_500)) == [.terminated(.server(id))])
        #expect(h.layer.serverTransactionCount == 0)
        // Once terminated, the id answers nothing.
        #expect(h.respond(ok, on: id).isEmpty)
    }

    @Test func sameBranchFromAnotherSentByIsAnotherTransaction() throws {
        var h = TransactionHarness()
        _ = try start(&h)
        let other = TestMessage.request(.invite, branch: "z9hG4bKinv1", sentBy: "198.51.100.7:5060")
        #expect(h.receive(other, from: TestPeer.udp).deliveredRequests.count == 1)
        #expect(h.layer.serverTransactionCount == 2)
    }

    @Test func rfc2543RequestsMatchByTheFallbackRule() throws {
        var h = TransactionHarness()
        // No z9hG4bK cookie: §17.2.3 matches on Request-URI, tags, Call-ID, CSeq and top Via.
        let legacy = TestMessage.request(.invite, branch: "1234", callID: "legacy@192.0.2.10")
        let first = h.receive(legacy, from: TestPeer.udp)
        let id = try #require(first.deliveredRequests.first?.1)
        #expect(h.receive(legacy, from: TestPeer.udp).deliveredRequests.isEmpty)
        let unbranched = TestMessage.request(.invite, branch: nil, callID: "legacy@192.0.2.10")
        #expect(h.receive(unbranched, from: TestPeer.udp).deliveredRequests.count == 1)
        _ = h.respond(TestMessage.response(486, to: legacy, toTag: "t486"), on: id)
        // An ACK with another To tag is not for this transaction.
        let wrongACK = TestMessage.request(.ack, branch: "1234", toTag: "other", callID: "legacy@192.0.2.10")
        #expect(h.receive(wrongACK, from: TestPeer.udp) == [.deliverStrayACK(wrongACK, from: TestPeer.udp)])
        let ack = TestMessage.request(.ack, branch: "1234", toTag: "t486", callID: "legacy@192.0.2.10")
        #expect(h.receive(ack, from: TestPeer.udp).startedTimers == [SIPTimerID(.server(id), .i)])
        #expect(state(h, id) == .confirmed)
    }

    @Test func transportFailureEndsTransactionsOnThatConnection() throws {
        var h = TransactionHarness()
        let id = try start(&h, peer: TestPeer.tcp)
        let udpInvite = TestMessage.request(.invite, branch: "z9hG4bKudp")
        _ = h.receive(udpInvite, from: TestPeer.udp)
        let actions = h.apply(h.layer.transportFailed(connectionID: 7, now: h.now))
        #expect(actions == [.transportError(.server(id)), .terminated(.server(id))])
        #expect(h.layer.serverTransactionCount == 1)
    }
}
