import SwitchCore
import Testing
import Verto

@testable import VertoEndpoint

/// Call bookkeeping by callID (compat §1.5, §1.6, §1.12 B–D).
@Suite struct VertoCallTests {
    func loggedIn() -> (VertoTestHost, VertoConnectionID) {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c, sessid: "8a1f...-c3")
        return (host, c)
    }

    @Test func exampleBInviteAnswerDTMF() {
        var (host, c) = loggedIn()
        let invite = host.receive(#"""
            {"jsonrpc":"2.0","id":3,"method":"verto.invite","params":{"sdp":"v=0\r\n...a=candidate:...\r\n",
              "dialogParams":{"callID":"5d2c...","destination_number":"9196","caller_id_name":"Alice",
              "caller_id_number":"1008","remote_caller_id_name":"Outbound Call","remote_caller_id_number":"9196",
              "useVideo":false,"useStereo":false,"screenShare":false},"sessid":"8a1f...-c3"}}
            """#, on: c)
        #expect(frames(invite, to: c) == [parse(#"{"jsonrpc":"2.0","id":3,"result":{"message":"CALL CREATED","callID":"5d2c...","sessid":"8a1f...-c3"}}"#)])
        guard case .newCall(let call) = effects(invite).first else { Issue.record("no newCall"); return }
        #expect(call.callID == "5d2c...")
        #expect(call.sdp == "v=0\r\n...a=candidate:...\r\n")
        #expect(call.dialogParams.destinationNumber == "9196")
        #expect(call.dialogParams.additionalFields["useVideo"] == false)
        #expect(call.sessid == "8a1f...-c3")
        #expect(call.identity.login == "1008@pbx.example")

        let answer = host.hub.signal(.answer(ServerAnswerParams(callID: "5d2c...", sdp: "v=0\r\no=FreeSWITCH ...")))
        #expect(frames(answer, to: c) == [parse(#"{"jsonrpc":"2.0","id":2,"method":"verto.answer","params":{"callID":"5d2c...","sdp":"v=0\r\no=FreeSWITCH ...","variables":{}}}"#)])

        let dtmf = host.receive(#"{"jsonrpc":"2.0","id":4,"method":"verto.info","params":{"dtmf":"1","dialogParams":{"callID":"5d2c..."},"sessid":"8a1f...-c3"}}"#, on: c)
        #expect(frames(dtmf, to: c) == [parse(#"{"jsonrpc":"2.0","id":4,"result":{"message":"SENT","sessid":"8a1f...-c3"}}"#)])
        #expect(effects(dtmf) == [.sendDTMF(callID: "5d2c...", digits: "1")])
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":3,"method":"verto.invite"}"#, "Params data missing"),
        (#"{"jsonrpc":"2.0","id":3,"method":"verto.invite","params":{"sdp":"x"}}"#, "Dialog data missing"),
        (#"{"jsonrpc":"2.0","id":3,"method":"verto.invite","params":{"sdp":"x","dialogParams":{}}}"#, "CallID missing"),
        (#"{"jsonrpc":"2.0","id":3,"method":"verto.invite","params":{"dialogParams":{"callID":"c"}}}"#, "SDP missing"),
    ])
    func inviteErrors(_ text: String, _ message: String) {
        var (host, c) = loggedIn()
        let actions = host.receive(text, on: c)
        #expect(frames(actions, to: c).first?["error"]?["code"] == -32002)
        #expect(frames(actions, to: c).first?["error"]?["message"] == .string(message))
        #expect(effects(actions).isEmpty)
    }

    @Test func duplicateCallIDIsCallError() {
        var (host, c) = loggedIn()
        _ = host.invite("c1", on: c)
        let again = host.invite("c1", on: c)
        #expect(frames(again, to: c).first?["error"]?["message"] == "CALL ERROR")
        #expect(frames(again, to: c).first?["error"]?["callID"] == "c1")
    }

    @Test func earlyMediaThenAnswerWithoutSDP() {
        var (host, c) = loggedIn()
        _ = host.invite("c1", on: c)
        let media = host.hub.signal(.media(ServerMediaParams(callID: "c1", sdp: "early")))
        #expect(frames(media, to: c).first?["params"] == ["callID": "c1", "sdp": "early", "variables": [:]])
        let answer = host.hub.signal(.answer(ServerAnswerParams(callID: "c1", sdp: "again")))
        #expect(frames(answer, to: c).first?["params"] == ["callID": "c1", "variables": [:]])
        #expect(host.hub.signal(.answer(ServerAnswerParams(callID: "unknown", sdp: "x"))).isEmpty)
    }

    @Test func exampleCClientBye() {
        var (host, c) = loggedIn()
        _ = host.invite("5d2c...", on: c)
        let bye = host.receive(#"{"jsonrpc":"2.0","id":5,"method":"verto.bye","params":{"cause":"NORMAL_CLEARING","dialogParams":{"callID":"5d2c..."},"sessid":"..."}}"#, on: c)
        #expect(frames(bye, to: c) == [parse(#"{"jsonrpc":"2.0","id":5,"result":{"callID":"5d2c...","message":"CALL ENDED","causeCode":16,"cause":"NORMAL_CLEARING","sessid":"8a1f...-c3"}}"#)])
        #expect(effects(bye) == [.hangUp(callID: "5d2c...", cause: .normalClearing)])
        let unknown = host.receive(#"{"jsonrpc":"2.0","id":5,"method":"verto.bye","params":{"dialogParams":{"callID":"5d2c..."}}}"#, on: c)
        #expect(frames(unknown, to: c) == [parse(#"{"jsonrpc":"2.0","id":5,"error":{"callID":"5d2c...","message":"CALL DOES NOT EXIST","code":-32002}}"#)])
        // The switch hanging up afterwards sends nothing.
        #expect(host.hub.callEnded("5d2c...", cause: .normalClearing).isEmpty)
    }

    @Test func byeCauseByCodeOrName() {
        var (host, c) = loggedIn()
        _ = host.invite("a", on: c)
        let byCode = host.call("verto.bye", id: 6, params: ["causeCode": 17, "dialogParams": ["callID": "a"]], on: c)
        #expect(effects(byCode) == [.hangUp(callID: "a", cause: .userBusy)])
        _ = host.invite("b", on: c)
        let byName = host.call("verto.bye", id: 7, params: ["cause": "call_rejected", "dialogParams": ["callID": "b"]], on: c)
        #expect(frames(byName, to: c).first?["result"]?["causeCode"] == 21)
    }

    @Test func exampleCServerBye() {
        var (host, c) = loggedIn()
        _ = host.invite("5d2c...", on: c)
        let bye = host.hub.callEnded("5d2c...", cause: .normalClearing)
        #expect(frames(bye, to: c) == [parse(#"{"jsonrpc":"2.0","id":2,"method":"verto.bye","params":{"callID":"5d2c...","causeCode":16,"cause":"NORMAL_CLEARING"}}"#)])
        #expect(!host.hub.hasCall("5d2c..."))
    }

    @Test func unknownCallIsCallDoesNotExistForEveryCallMethod() {
        var (host, c) = loggedIn()
        for method in ["verto.answer", "verto.bye", "verto.info", "verto.modify", "verto.attach"] {
            let actions = host.call(method, id: 8, params: ["dtmf": "1", "sdp": "x", "dialogParams": ["callID": "nope"]], on: c)
            #expect(frames(actions, to: c) == [["jsonrpc": "2.0", "id": 8, "error": JSONRPCError.callDoesNotExist("nope").json]], "\(method)")
        }
        // Another connection's call is not this connection's.
        let other = host.open(2)
        _ = host.login(other, user: "1009", sessid: "s2")
        _ = host.invite("theirs", on: other)
        let actions = host.call("verto.bye", id: 9, params: ["dialogParams": ["callID": "theirs"]], on: c)
        #expect(frames(actions, to: c).first?["error"]?["message"] == "CALL DOES NOT EXIST")
    }

    @Test func exampleDIncomingCallToBrowser() {
        var (host, c) = loggedIn()
        let offer = ServerInviteParams(callID: "fs-1", sdp: "offer", callerIDName: "Bob", callerIDNumber: "1000")
        let invite = host.hub.offerCall(offer, to: c)
        #expect(methods(invite, to: c) == ["verto.invite"])
        #expect(frames(invite, to: c).first?["params"]?["display_direction"] == "outbound")
        #expect(host.receive(#"{"jsonrpc":"2.0","id":2,"result":{"method":"verto.invite"}}"#, on: c).isEmpty)
        let answer = host.call("verto.answer", id: 10, params: [
            "sdp": "answer", "dialogParams": ["callID": "fs-1", "callee_id_name": "Alice"],
        ], on: c)
        #expect(frames(answer, to: c).first?["result"] == ["sessid": "8a1f...-c3"])
        guard case .answerCall(let callID, let sdp, let dialog) = effects(answer).first else { Issue.record("no answer"); return }
        #expect(callID == "fs-1")
        #expect(sdp == "answer")
        #expect(dialog.calleeIDName == "Alice")
        // Offering to a connection that is not logged in fails at once.
        let lost = host.open(9)
        #expect(host.hub.offerCall(ServerInviteParams(callID: "fs-2", sdp: "o", callerIDName: "", callerIDNumber: ""), to: lost)
            == [.hangUp(callID: "fs-2", cause: .destinationOutOfOrder)])
    }

    @Test func modifyHoldActions() {
        var (host, c) = loggedIn()
        _ = host.invite("c1", on: c)
        let hold = host.call("verto.modify", id: 11, params: ["action": "hold", "dialogParams": ["callID": "c1"]], on: c)
        #expect(frames(hold, to: c).first?["result"] == ["callID": "c1", "action": "hold", "holdState": "held", "sessid": "8a1f...-c3"])
        #expect(effects(hold) == [.holdCall(callID: "c1", held: true)])
        let toggle = host.call("verto.modify", id: 12, params: ["action": "toggleHold", "dialogParams": ["callID": "c1"]], on: c)
        #expect(frames(toggle, to: c).first?["result"]?["holdState"] == "active")
        let toggle2 = host.call("verto.modify", id: 13, params: ["action": "toggleHold", "dialogParams": ["callID": "c1"]], on: c)
        #expect(frames(toggle2, to: c).first?["result"]?["holdState"] == "held")
        let unhold = host.call("verto.modify", id: 14, params: ["action": "unhold", "dialogParams": ["callID": "c1"]], on: c)
        #expect(effects(unhold) == [.holdCall(callID: "c1", held: false)])
        let missing = host.call("verto.modify", id: 15, params: ["dialogParams": ["callID": "c1"]], on: c)
        #expect(frames(missing, to: c).first?["error"]?["message"] == "action missing")
    }

    @Test func modifyTransferIsAnsweredByTheHost() {
        var (host, c) = loggedIn()
        _ = host.invite("c1", on: c)
        let noDestination = host.call("verto.modify", id: 16, params: ["action": "transfer", "dialogParams": ["callID": "c1"]], on: c)
        #expect(frames(noDestination, to: c).first?["error"]?["message"] == "destination missing")
        let transfer = host.call("verto.modify", id: 17, params: [
            "action": "transfer", "destination": "1000", "dialogParams": ["callID": "c1"],
        ], on: c)
        #expect(frames(transfer, to: c).isEmpty)
        guard case .transferCall("c1", "1000", let token) = effects(transfer).first else { Issue.record("no transfer"); return }
        let reply = host.hub.respond(token, .result(["callID": "c1", "action": "transfer", "message": "CALL TRANSFERRED"]))
        #expect(frames(reply, to: c) == [parse(#"{"jsonrpc":"2.0","id":17,"result":{"callID":"c1","action":"transfer","message":"CALL TRANSFERRED","sessid":"8a1f...-c3"}}"#)])
        let failed = host.hub.respond(token, .error(.sessionError("call is not bridged", callID: "c1")))
        #expect(frames(failed, to: c).first?["error"]?["message"] == "call is not bridged")
    }

    @Test func modifyUpdateMediaNeedsAnsweredCall() {
        var (host, c) = loggedIn()
        _ = host.invite("c1", on: c)
        let early = host.call("verto.modify", id: 18, params: ["action": "updateMedia", "sdp": "re", "dialogParams": ["callID": "c1"]], on: c)
        #expect(frames(early, to: c).first?["error"]?["message"] == "Cannot update a call that has not been answered.")
        _ = host.hub.signal(.answer(ServerAnswerParams(callID: "c1", sdp: "a")))
        let update = host.call("verto.modify", id: 19, params: ["action": "updateMedia", "sdp": "re", "dialogParams": ["callID": "c1"]], on: c)
        guard case .updateMedia("c1", "re", _) = effects(update).first else { Issue.record("no update"); return }
        let replace = host.call("verto.modify", id: 20, params: ["action": "replace", "dialogParams": ["callID": "c1"]], on: c)
        #expect(frames(replace, to: c).first?["error"]?["message"] == "replaceCallID missing")
    }

    @Test func infoMessagesAndText() {
        var (host, c) = loggedIn()
        let bad = host.call("verto.info", id: 21, params: ["msg": ["body": "hi"]], on: c)
        #expect(frames(bad, to: c).first?["error"]?["message"] == "INVALID MESSAGE to and body params required")
        let chat = host.call("verto.info", id: 22, params: ["msg": ["to": "1000@pbx.example", "body": "hi"]], on: c)
        #expect(frames(chat, to: c).first?["result"]?["message"] == "SENT")
        guard case .deliverMessage(nil, let message, let from) = effects(chat).first else { Issue.record("no message"); return }
        #expect(message.body == "hi")
        #expect(from.login == "1008@pbx.example")
        _ = host.invite("c1", on: c)
        let text = host.call("verto.info", id: 23, params: ["txt": ["chars": "a"], "dialogParams": ["callID": "c1"]], on: c)
        #expect(effects(text) == [.deliverText(callID: "c1", text: ["chars": "a"])])
    }

    @Test func serverSignalsUseReferenceMethods() {
        var (host, c) = loggedIn()
        _ = host.invite("c1", on: c)
        var sent: [VertoAction] = []
        sent += host.hub.signal(.display(DisplayParams(callID: "c1", displayName: "N", displayNumber: "1")))
        sent += host.hub.signal(.info(ServerInfoParams(callID: "c1", msg: ChatMessage(from: "a", to: "b", body: "x"))))
        sent += host.hub.signal(.prompt(PromptParams(callID: "c1", type: "dtmf", text: "PIN")))
        sent += host.hub.signal(.mediaParams(MediaParamsParams(callID: "c1", mediaParams: [:])))
        sent += host.hub.signal(.attach(ServerAttachParams(callID: "c1", sdp: "o")))
        #expect(methods(sent, to: c) == ["verto.display", "verto.info", "verto.prompt", "verto.mediaParams", "verto.attach"])
        // Server request ids keep counting up from the clientReady (1).
        #expect(frames(sent, to: c).map { $0["id"] } == [2, 3, 4, 5, 6])
        let announce = host.hub.sendRequest(.announce, params: ["msg": ["hello"]], to: c)
        #expect(frames(announce, to: c).first?["method"] == "verto.announce")
    }
}

@Suite struct VertoServerCallEdgeTests {
    @Test func duplicateOfferLeavesExistingCallAlone() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        _ = host.invite("c1", on: c)
        #expect(host.hub.offerCall(ServerInviteParams(callID: "c1", sdp: "o", callerIDName: "", callerIDNumber: ""), to: c).isEmpty)
        #expect(host.hub.hasCall("c1"))
    }

    @Test func secondMediaWithoutSDPKeepsAnswerSDPDropped() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        _ = host.invite("c1", on: c)
        _ = host.hub.signal(.media(ServerMediaParams(callID: "c1", sdp: "early")))
        _ = host.hub.signal(.media(ServerMediaParams(callID: "c1", sdp: nil)))
        let answer = host.hub.signal(.answer(ServerAnswerParams(callID: "c1", sdp: "late")))
        #expect(frames(answer, to: c).first?["params"]?["sdp"] == nil)
    }
}
