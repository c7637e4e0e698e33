import SIPMessage
import Testing

@testable import SIPStack

/// Non-INVITE client transaction, RFC 3261 §17.1.2.
@Suite struct TransactionNonInviteClientTests {
    let options = TestMessage.request(.options, branch: "z9hG4bKopt1")

    @Test func timerEDoublesUpToT2AndTimerFTimesOut() {
        var h = TransactionHarness()
        let (id, start) = h.send(options, to: TestPeer.udp)
        #expect(start.startedTimers == [SIPTimerID(.client(id), .e), SIPTimerID(.client(id), .f)])
        let fired = h.advance(by: .seconds(33))
        // §17.1.2.2: E = T1, then min(2E, T2): intervals 0.5, 1, 2, 4, 4, 4 … s until F at 64·T1.
        #expect(h.transmitTimesMs == [0, 500, 1_500, 3_500, 7_500, 11_500, 15_500, 19_500, 23_500, 27_500, 31_500])
        #expect(fired.suffix(2) == [.clientTimedOut(id), .terminated(.client(id))])
        #expect(h.timers.isEmpty)
        #expect(h.layer.clientTransactionCount == 0)
    }

    @Test func proceedingRetransmitsEveryT2() throws {
        var h = TransactionHarness()
        let (id, _) = h.send(options, to: TestPeer.udp)
        _ = h.advance(by: .milliseconds(100))
        let trying = TestMessage.response(100, to: options)
        #expect(h.receive(trying, from: TestPeer.udp) == [.deliverResponse(trying, id)])
        guard case .nonInvite(let t) = try #require(h.layer.clientTransaction(id)) else { Issue.record("kind"); return }
        #expect(t.state == .proceeding)
        _ = h.advance(by: .milliseconds(10_000))
        // The pending E (at 0.5 s) fires in Proceeding; from then on the interval is T2.
        #expect(h.transmitTimesMs == [0, 500, 4_500, 8_500])
    }

    @Test func finalResponseCompletesThenTimerKTerminates() {
        var h = TransactionHarness()
        let (id, _) = h.send(options, to: TestPeer.udp)
        let ok = TestMessage.response(200, to: options)
        let actions = h.receive(ok, from: TestPeer.udp)
        #expect(actions == [
            .cancelTimer(SIPTimerID(.client(id), .e)), .cancelTimer(SIPTimerID(.client(id), .f)),
            .deliverResponse(ok, id), .startTimer(SIPTimerID(.client(id), .k), at: h.now + .seconds(5)),
        ])
        // Completed absorbs retransmitted responses (§17.1.2.2).
        #expect(h.receive(ok, from: TestPeer.udp).isEmpty)
        #expect(h.receive(TestMessage.response(500, to: options), from: TestPeer.udp).isEmpty)
        #expect(h.advance(by: .milliseconds(4_999)).isEmpty)
        #expect(h.advance(by: .milliseconds(1)) == [.terminated(.client(id))])
        #expect(h.transmitTimesMs == [0])
        // With the transaction gone, a late retransmission of a non-INVITE response is discarded.
        #expect(h.receive(ok, from: TestPeer.udp).isEmpty)
    }

    @Test func reliableTransportNeitherRetransmitsNorWaits() {
        var h = TransactionHarness()
        let (id, start) = h.send(options, to: TestPeer.tcp)
        #expect(start.startedTimers == [SIPTimerID(.client(id), .f)])
        _ = h.advance(by: .seconds(10))
        #expect(h.transmitTimesMs == [0])
        let ok = TestMessage.response(200, to: options)
        // Timer K is zero on reliable transports: straight to Terminated.
        #expect(h.receive(ok, from: TestPeer.tcp) == [
            .cancelTimer(SIPTimerID(.client(id), .f)), .deliverResponse(ok, id), .terminated(.client(id)),
        ])
        #expect(h.layer.clientTransactionCount == 0)
    }

    @Test func timerFOnReliableTransport() {
        var h = TransactionHarness()
        let (id, _) = h.send(options, to: TestPeer.tls)
        _ = h.receive(TestMessage.response(100, to: options), from: TestPeer.tls)
        #expect(h.advance(by: .seconds(32)) == [.clientTimedOut(id), .terminated(.client(id))])
        #expect(h.transmitTimesMs == [0])
    }

    @Test func branchIsAddedWhenTheViaHasNone() throws {
        var h = TransactionHarness()
        let bare = TestMessage.request(.register, branch: nil)
        let (id, actions) = h.send(bare, to: TestPeer.udp)
        let sent = try #require(actions.transmittedRequests.first)
        let branch = try #require(sent.topVia?.branch)
        #expect(branch.hasPrefix(SIPVia.magicCookie))
        #expect(branch == "z9hG4bKseed.\(String(id.rawValue, radix: 36))")
        // The response carrying that branch matches the transaction.
        let ok = TestMessage.response(200, to: sent)
        #expect(h.receive(ok, from: TestPeer.udp).deliveredResponses == [ok])
        // Two requests get different branches.
        let (_, second) = h.send(bare, to: TestPeer.udp)
        #expect(second.transmittedRequests.first?.topVia?.branch != branch)
    }

    @Test func ackIsSentWithoutATransaction() {
        var h = TransactionHarness()
        let ack = TestMessage.request(.ack, branch: "z9hG4bKack2xx", toTag: "bob-tag")
        let (_, actions) = h.send(ack, to: TestPeer.udp)
        #expect(actions == [.transmit(.request(ack), to: TestPeer.udp)])
        #expect(h.layer.clientTransactionCount == 0)
    }
}
