import SIPMessage
import Testing

@testable import SIPStack

/// Dialog state, RFC 3261 §12 (creation §12.1, in-dialog requests §12.2, ACK for 2xx §13.2.2.4).
@Suite struct TransactionDialogTests {
    let via = SIPVia(transport: "UDP", host: "192.0.2.20", port: 5060)

    /// An INVITE that went through two record-routing proxies.
    var invite: SIPRequest {
        TestMessage.request(
            .invite, sequence: 4711,
            extra: [
                ("Record-Route", "<sip:p1.example.com;lr>"),
                ("Record-Route", "<sip:p2.example.com;lr>"),
            ])
    }

    func ok(_ request: SIPRequest) -> SIPResponse {
        var ok = TestMessage.response(200, to: request, toTag: "bob-tag", contact: "<sip:bob@192.0.2.20:5062>")
        for rr in request.headers.values("Record-Route") { ok.headers.add("Record-Route", rr) }
        return ok
    }

    @Test func uasDialogFromRequestAndSuccess() throws {
        let dialog = try #require(SIPDialog(uasRequest: invite, response: ok(invite), receivedOver: .udp))
        #expect(dialog.id == SIPDialogID(callID: "call-1@192.0.2.10", localTag: "bob-tag", remoteTag: "alice-tag"))
        #expect(dialog.state == .confirmed)
        #expect(dialog.remoteTarget == (try SIPURI(parsing: "sip:alice@192.0.2.10:5060")))
        #expect(dialog.routeSet.map(\.uri.host) == ["p1.example.com", "p2.example.com"])  // as received (§12.1.1)
        #expect(dialog.remoteSequence == 4711)
        #expect(dialog.localSequence == nil)
        #expect(dialog.localURI.description == "sip:bob@example.com")
        #expect(dialog.remoteURI.description == "sip:alice@example.com")
        #expect(!dialog.isSecure)
        #expect(SIPDialogID(receivedRequest: TestMessage.request(.bye, toTag: "bob-tag")) == dialog.id)
    }

    @Test func secureFlagNeedsTLSAndSIPS() throws {
        let sipsInvite = TestMessage.request(.invite, uri: "sips:bob@example.com")
        #expect(try #require(SIPDialog(uasRequest: sipsInvite, response: ok(sipsInvite), receivedOver: .tls)).isSecure)
        #expect(try #require(SIPDialog(uasRequest: sipsInvite, response: ok(sipsInvite), receivedOver: .tcp)).isSecure == false)
        #expect(try #require(SIPDialog(uasRequest: invite, response: ok(invite), receivedOver: .tls)).isSecure == false)
        #expect(try #require(SIPDialog(uacRequest: sipsInvite, response: ok(sipsInvite))).isSecure)
    }

    @Test func uacDialogReversesTheRouteSet() throws {
        let dialog = try #require(SIPDialog(uacRequest: invite, response: ok(invite)))
        #expect(dialog.id == SIPDialogID(callID: "call-1@192.0.2.10", localTag: "alice-tag", remoteTag: "bob-tag"))
        #expect(SIPDialogID(receivedResponse: ok(invite)) == dialog.id)
        #expect(dialog.routeSet.map(\.uri.host) == ["p2.example.com", "p1.example.com"])  // §12.1.2
        #expect(dialog.remoteTarget == (try SIPURI(parsing: "sip:bob@192.0.2.20:5062")))
        #expect(dialog.localSequence == 4711)
        #expect(dialog.remoteSequence == nil)
        #expect(dialog.localContact?.uri == (try SIPURI(parsing: "sip:alice@192.0.2.10:5060")))
    }

    @Test func dialogNeedsATagOrContact() {
        let noTag = TestMessage.response(180, to: invite, toTag: nil)
        #expect(SIPDialog(uacRequest: invite, response: noTag) == nil)  // 1xx without To tag: no dialog
        #expect(SIPDialog(uacRequest: invite, response: TestMessage.response(200, to: invite)) == nil)  // no Contact
        #expect(SIPDialog(uacRequest: invite, response: TestMessage.response(486, to: invite, contact: "<sip:b@h>")) == nil)
    }

    @Test func byeUsesRemoteTargetRouteSetAndNextCSeq() throws {
        var dialog = try #require(SIPDialog(uacRequest: invite, response: ok(invite)))
        let bye = dialog.makeRequest(.bye, via: via)
        #expect(bye.method == .bye)
        #expect(bye.uri.description == "sip:bob@192.0.2.20:5062")
        #expect(bye.headers.values("Route") == ["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"])
        #expect(bye.cseq == SIPCSeq(sequence: 4712, method: .bye))
        #expect(bye.headers.from?.tag == "alice-tag")
        #expect(bye.headers.to?.tag == "bob-tag")
        #expect(bye.callID == "call-1@192.0.2.10")
        #expect(bye.topVia?.branch == nil)  // the transaction layer adds it
        #expect(!bye.headers.contains("Contact"))
        #expect(dialog.localSequence == 4712)
        let reinvite = dialog.makeRequest(.invite, via: via)
        #expect(reinvite.cseq == SIPCSeq(sequence: 4713, method: .invite))
        #expect(reinvite.headers.contacts.first?.uri.description == "sip:alice@192.0.2.10:5060")
    }

    @Test func uasStartsItsOwnCSeqSpace() throws {
        var dialog = try #require(SIPDialog(uasRequest: invite, response: ok(invite), receivedOver: .udp))
        let bye = dialog.makeRequest(.bye, via: via)
        #expect(bye.cseq?.sequence == 1)
        #expect(bye.uri.description == "sip:alice@192.0.2.10:5060")
        #expect(bye.headers.values("Route") == ["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"])
        #expect(bye.headers.from?.tag == "bob-tag")
        #expect(bye.headers.to?.tag == "alice-tag")
    }

    @Test func ackFor2xxKeepsTheInviteCSeq() throws {
        var dialog = try #require(SIPDialog(uacRequest: invite, response: ok(invite)))
        let ack = dialog.makeACK(forInviteSequence: 4711, via: via)
        #expect(ack.method == .ack)
        #expect(ack.cseq == SIPCSeq(sequence: 4711, method: .ack))
        #expect(ack.uri.description == "sip:bob@192.0.2.20:5062")
        #expect(ack.headers.values("Route").count == 2)
        #expect(dialog.localSequence == 4711)
        #expect(dialog.makeRequest(.bye, via: via).cseq?.sequence == 4712)
    }

    @Test func strictRouterPutsTheRemoteTargetLast() throws {
        var strict = invite
        strict.headers.set("Record-Route", "<sip:strict.example.com;transport=udp>")
        var dialog = try #require(SIPDialog(uasRequest: strict, response: ok(strict), receivedOver: .udp))
        let bye = dialog.makeRequest(.bye, via: via)
        // §12.2.1.1: Request-URI is the strict router's URI; the remote target becomes the last Route.
        #expect(bye.uri.description == "sip:strict.example.com")
        #expect(bye.headers.values("Route") == ["<sip:alice@192.0.2.10:5060>"])
    }

    @Test func remoteCSeqOrderingAndTargetRefresh() throws {
        var dialog = try #require(SIPDialog(uasRequest: invite, response: ok(invite), receivedOver: .udp))
        var reinvite = TestMessage.request(.invite, sequence: 4712, toTag: "bob-tag")
        reinvite.headers.set("Contact", "<sip:alice@203.0.113.5:5070>")
        let accepted = dialog.receivedRequest(reinvite)
        #expect(accepted)
        #expect(dialog.remoteSequence == 4712)
        #expect(dialog.remoteTarget.host == "203.0.113.5")
        // ACK carries its INVITE's number and is fine; an older request is out of order (§12.2.2 → 500).
        let ackAccepted = dialog.receivedRequest(TestMessage.request(.ack, sequence: 4712, toTag: "bob-tag"))
        #expect(ackAccepted)
        let older = dialog.receivedRequest(TestMessage.request(.info, sequence: 4700, toTag: "bob-tag"))
        #expect(!older)
        #expect(dialog.remoteSequence == 4712)
        // BYE is not a target refresh: its Contact is ignored.
        let bye = dialog.receivedRequest(TestMessage.request(.bye, sequence: 4713, toTag: "bob-tag"))
        #expect(bye)
        #expect(dialog.remoteTarget.host == "203.0.113.5")
    }

    @Test func earlyDialogIsConfirmedBy2xx() throws {
        let ringing = TestMessage.response(180, to: invite, toTag: "bob-tag", contact: "<sip:bob@192.0.2.20:5062>")
        var dialog = try #require(SIPDialog(uacRequest: invite, response: ringing))
        #expect(dialog.state == .early)
        #expect(dialog.routeSet.isEmpty)
        var final = ok(invite)
        final.headers.set("Contact", "<sip:bob@192.0.2.30>")
        dialog.receivedResponse(final)
        #expect(dialog.state == .confirmed)
        #expect(dialog.routeSet.map(\.uri.host) == ["p2.example.com", "p1.example.com"])  // recomputed from the 2xx
        #expect(dialog.remoteTarget.host == "192.0.2.30")
    }
}
