import SIPMessage
import Testing

@testable import SIPStack

/// Non-INVITE server transaction, RFC 3261 §17.2.2, and CANCEL matching (§9.2).
@Suite struct TransactionNonInviteServerTests {
    let options = TestMessage.request(.options, branch: "z9hG4bKopts")

    private func state(_ h: TransactionHarness, _ id: SIPServerTransactionID) -> SIPNonInviteServerTransaction.State? {
        guard case .nonInvite(let t) = h.layer.serverTransaction(id) else { return nil }
        return t.state
    }

    @Test func retransmissionsAreAbsorbedAndAnsweredWithTheLastResponse() throws {
        var h = TransactionHarness()
        let first = h.receive(options, from: TestPeer.udp)
        #expect(first.transmitted.isEmpty)  // no automatic 100 for non-INVITE (§17.2.2)
        let id = try #require(first.deliveredRequests.first?.1)
        #expect(state(h, id) == .trying)
        // Trying: absorbed, nothing to answer with yet.
        #expect(h.receive(options, from: TestPeer.udp).isEmpty)
        let trying = TestMessage.response(100, to: options)
        _ = h.respond(trying, on: id)
        #expect(state(h, id) == .proceeding)
        #expect(h.receive(options, from: TestPeer.udp) == [.transmit(.response(trying), to: TestPeer.udp)])
        let ok = TestMessage.response(200, to: options)
        #expect(h.respond(ok, on: id) == [
            .transmit(.response(ok), to: TestPeer.udp), .startTimer(SIPTimerID(.server(id), .j), at: h.now + .seconds(32)),
        ])
        #expect(h.receive(options, from: TestPeer.udp) == [.transmit(.response(ok), to: TestPeer.udp)])
        // A second final response is not sent (§17.2.2: the TU's later responses are dropped).
        #expect(h.respond(TestMessage.response(500, to: options), on: id).isEmpty)
        #expect(h.log.deliveredRequests.count == 1)
        #expect(h.advance(by: .milliseconds(31_999)).isEmpty)
        #expect(h.advance(by: .milliseconds(1)) == [.terminated(.server(id))])
        // After Timer J the same request is new again.
        #expect(h.receive(options, from: TestPeer.udp).deliveredRequests.count == 1)
    }

    @Test func timerJIsZeroOnReliableTransports() throws {
        var h = TransactionHarness()
        let tcpOptions = TestMessage.request(.options, branch: "z9hG4bKopts", transport: "TCP")
        let id = try #require(h.receive(tcpOptions, from: TestPeer.tcp).deliveredRequests.first?.1)
        let ok = TestMessage.response(200, to: tcpOptions)
        #expect(h.respond(ok, on: id) == [.transmit(.response(ok), to: TestPeer.tcp), .terminated(.server(id))])
        #expect(h.layer.serverTransactionCount == 0)
    }

    @Test func tuMayAnswerAsynchronouslyMuchLater() throws {
        var h = TransactionHarness()
        let id = try #require(h.receive(options, from: TestPeer.udp).deliveredRequests.first?.1)
        for n in 0..<50 {
            _ = h.receive(TestMessage.request(.message, branch: "z9hG4bKm\(n)"), from: TestPeer.udp)
        }
        _ = h.advance(by: .seconds(20))
        let ok = TestMessage.response(200, to: options)
        #expect(h.respond(ok, on: id).transmittedResponses == [ok])
    }

    @Test func cancelMatchesItsInviteAndHasItsOwnTransaction() throws {
        var h = TransactionHarness()
        let invite = TestMessage.request(.invite, branch: "z9hG4bKcall")
        let inviteID = try #require(h.receive(invite, from: TestPeer.udp).deliveredRequests.first?.1)
        let cancel = invite.makeCANCEL()
        let actions = h.receive(cancel, from: TestPeer.udp)
        guard case .deliverCancel(let delivered, let cancelled, let cancelID, let peer) = try #require(actions.first) else {
            Issue.record("expected deliverCancel, got \(actions)")
            return
        }
        #expect(actions.count == 1)
        #expect(delivered == cancel)
        #expect(cancelled == inviteID)
        #expect(cancelID != inviteID)
        #expect(peer == TestPeer.udp)
        // The TU answers 200 to the CANCEL and 487 to the INVITE (§9.2).
        let cancelOK = TestMessage.response(200, to: cancel)
        #expect(h.respond(cancelOK, on: cancelID).transmittedResponses == [cancelOK])
        let terminated = TestMessage.response(487, to: invite)
        #expect(h.respond(terminated, on: inviteID).transmittedResponses == [terminated])
        // A retransmitted CANCEL is absorbed by its own transaction and gets the 200 again.
        #expect(h.receive(cancel, from: TestPeer.udp) == [.transmit(.response(cancelOK), to: TestPeer.udp)])
        // The ACK for the 487 matches the INVITE transaction (§17.2.3), not the CANCEL one.
        let ack = TestMessage.request(.ack, branch: "z9hG4bKcall", toTag: "bob-tag")
        #expect(h.receive(ack, from: TestPeer.udp).startedTimers == [SIPTimerID(.server(inviteID), .i)])
    }

    @Test func cancelWithoutInviteHasNoCancelledTransaction() throws {
        var h = TransactionHarness()
        let cancel = TestMessage.request(.invite, branch: "z9hG4bKnone").makeCANCEL()
        let actions = h.receive(cancel, from: TestPeer.udp)
        guard case .deliverCancel(_, let cancelled, let cancelID, _) = try #require(actions.first) else {
            Issue.record("expected deliverCancel")
            return
        }
        #expect(cancelled == nil)
        // The TU answers 481 on the CANCEL's own transaction.
        let notFound = TestMessage.response(481, to: cancel)
        #expect(h.respond(notFound, on: cancelID).transmittedResponses == [notFound])
    }

    @Test func makeCANCELFollowsSection9_1() {
        let invite = TestMessage.request(
            .invite, branch: "z9hG4bKcall", sequence: 314,
            extra: [("Route", "<sip:p1.example.com;lr>"), ("Via", "SIP/2.0/UDP upstream.example.com;branch=z9hG4bKup")])
        let cancel = invite.makeCANCEL()
        #expect(cancel.method == .cancel)
        #expect(cancel.uri == invite.uri)
        #expect(cancel.headers.elements("Via") == ["SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKcall"])
        #expect(cancel.cseq == SIPCSeq(sequence: 314, method: .cancel))
        #expect(cancel.headers["To"] == invite.headers["To"])
        #expect(cancel.headers["From"] == invite.headers["From"])
        #expect(cancel.callID == invite.callID)
        #expect(cancel.headers.values("Route") == ["<sip:p1.example.com;lr>"])
    }

    @Test func ackWithoutTransactionIsAStray() {
        var h = TransactionHarness()
        let ack = TestMessage.request(.ack, branch: "z9hG4bKnew", toTag: "bob-tag")
        #expect(h.receive(ack, from: TestPeer.udp) == [.deliverStrayACK(ack, from: TestPeer.udp)])
        #expect(h.layer.serverTransactionCount == 0)
    }

    @Test func requestsMissingMatchingHeadersAreDropped() {
        var h = TransactionHarness()
        var noVia = options
        noVia.headers.remove("Via")
        var noCSeq = options
        noCSeq.headers.remove("CSeq")
        #expect(h.receive(noVia, from: TestPeer.udp).isEmpty)
        #expect(h.receive(noCSeq, from: TestPeer.udp).isEmpty)
        #expect(h.layer.serverTransactionCount == 0)
    }
}
