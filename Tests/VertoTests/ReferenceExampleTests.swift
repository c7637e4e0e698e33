import Testing

@testable import Verto

/// The example exchanges of compat §1.12, field by field: what clients send decodes into the typed params,
/// and what we build from typed values equals the reference's objects.
@Suite struct ReferenceExampleTests {
    func json(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

    func request(_ text: String) throws -> JSONRPCRequest {
        guard case .single(.request(let r)) = JSONRPCFrame.parse(Array(text.utf8)) else {
            throw JSONCodingError(description: "not a request")
        }
        return r
    }

    @Test func exampleALoginParams() throws {
        let r = try request(#"""
            {"jsonrpc":"2.0","id":2,"method":"login","params":{"login":"1008@pbx.example","passwd":"1234",
             "loginParams":{},"userVariables":{"avatar":"x.png"},"sessid":"8a1f...-c3"}}
            """#)
        let p = try r.decodeParams(as: LoginParams.self)
        #expect(p == LoginParams(login: "1008@pbx.example", passwd: "1234", loginParams: [:],
                                 userVariables: ["avatar": "x.png"], sessid: "8a1f...-c3"))
        #expect(try JSONRPCRequest(id: JSONRPCID(2), method: .login, params: p) == r)
    }

    @Test func exampleALoginReplies() throws {
        var result = try JSONValue(encoding: LoginResult())
        #expect(result == ["message": "logged in"])
        result = try JSONValue(encoding: LoginResult(authExpires: 1_700_000_000, moderator: true))
        #expect(result == ["message": "logged in", "auth-expires": 1_700_000_000, "moderator": true])
        let ready = try JSONRPCRequest(id: JSONRPCID(17), method: .clientReady, params: ClientReadyParams(reattachedSessions: []))
        #expect(ready.json == (try json(#"{"jsonrpc":"2.0","id":17,"method":"verto.clientReady","params":{"reattached_sessions":[]}}"#)))
    }

    @Test func exampleBInviteKeepsUnknownDialogKeys() throws {
        let r = try request(#"""
            {"jsonrpc":"2.0","id":3,"method":"verto.invite","params":{"sdp":"v=0\r\n...a=candidate:...\r\n",
              "dialogParams":{"callID":"5d2c...","destination_number":"9196","caller_id_name":"Alice",
              "caller_id_number":"1008","remote_caller_id_name":"Outbound Call","remote_caller_id_number":"9196",
              "useVideo":false,"useStereo":false,"screenShare":false},"sessid":"8a1f...-c3"}}
            """#)
        let p = try r.decodeParams(as: ClientInviteParams.self)
        let d = try #require(p.dialogParams)
        #expect(p.sdp == "v=0\r\n...a=candidate:...\r\n")
        #expect(d.callID == "5d2c...")
        #expect(d.destinationNumber == "9196")
        #expect(d.callerIDName == "Alice")
        #expect(d.callerIDNumber == "1008")
        #expect(d.remoteCallerIDName == "Outbound Call")
        #expect(d.remoteCallerIDNumber == "9196")
        #expect(d.screenShare == false)
        #expect(d.additionalFields == ["useVideo": false, "useStereo": false])
        // Round trip: the dialogParams object comes back member for member.
        #expect(try JSONValue(encoding: p) == r.params)
    }

    @Test func exampleBServerAnswerAndInfo() throws {
        let answer = try JSONRPCRequest(id: JSONRPCID(18), method: .answer,
                                        params: ServerAnswerParams(callID: "5d2c...", sdp: "v=0\r\no=FreeSWITCH ..."))
        #expect(answer.json == (try json(#"""
            {"jsonrpc":"2.0","id":18,"method":"verto.answer","params":{"callID":"5d2c...","sdp":"v=0\r\no=FreeSWITCH ...","variables":{}}}
            """#)))
        let info = try request(#"""
            {"jsonrpc":"2.0","id":4,"method":"verto.info","params":{"dtmf":"1","dialogParams":{"callID":"5d2c..."},"sessid":"x"}}
            """#)
        let p = try info.decodeParams(as: ClientInfoParams.self)
        #expect(p.dtmf == "1")
        #expect(p.dialogParams?.callID == "5d2c...")
        #expect(try JSONValue(encoding: MessageResult(message: "SENT")) == ["message": "SENT"])
    }

    @Test func exampleCByeBothWays() throws {
        let r = try request(#"""
            {"jsonrpc":"2.0","id":5,"method":"verto.bye","params":{"cause":"NORMAL_CLEARING","dialogParams":{"callID":"5d2c..."},"sessid":"..."}}
            """#)
        let p = try r.decodeParams(as: ClientByeParams.self)
        #expect(p.cause == "NORMAL_CLEARING")
        #expect(p.dialogParams?.callID == "5d2c...")
        #expect(try JSONValue(encoding: ByeResult(callID: "5d2c...", causeCode: 16, cause: "NORMAL_CLEARING"))
            == (try json(#"{"callID":"5d2c...","message":"CALL ENDED","causeCode":16,"cause":"NORMAL_CLEARING"}"#)))
        let serverBye = try JSONRPCRequest(id: JSONRPCID(19), method: .bye,
                                           params: ServerByeParams(callID: "5d2c...", causeCode: 16, cause: "NORMAL_CLEARING"))
        #expect(serverBye.json == (try json(#"""
            {"jsonrpc":"2.0","id":19,"method":"verto.bye","params":{"callID":"5d2c...","causeCode":16,"cause":"NORMAL_CLEARING"}}
            """#)))
    }

    @Test func exampleDServerInviteWithHeadersAndVariables() throws {
        let invite = ServerInviteParams(
            callID: "c1", sdp: "v=0", callerIDName: "Bob", callerIDNumber: "1000", calleeIDName: "Alice",
            calleeIDNumber: "1008", displayDirection: "outbound", variables: ["verto_svar_x": "1"],
            headers: ["verto_h_foo": "bar"])
        let expected = try json(#"""
            {"callID":"c1","sdp":"v=0","caller_id_name":"Bob","caller_id_number":"1000","callee_id_name":"Alice",
             "callee_id_number":"1008","display_direction":"outbound","verto_h_foo":"bar","variables":{"verto_svar_x":"1"}}
            """#)
        #expect(try JSONValue(encoding: invite) == expected)
        #expect(try expected.decode(as: ServerInviteParams.self) == invite)
        // The client's acknowledgement is a plain response.
        #expect(JSONRPCFrame.parse(Array(#"{"jsonrpc":"2.0","id":20,"result":{"method":"verto.invite"}}"#.utf8))
            == .single(.response(JSONRPCResponse(id: JSONRPCID(20), result: ["method": "verto.invite"]))))
    }

    @Test func serverParamsUseReferenceNames() throws {
        var display = DisplayParams(callID: "c", displayName: "N", displayNumber: "1")
        display.displayDirection = "inbound"
        #expect(try JSONValue(encoding: display)
            == ["callID": "c", "display_name": "N", "display_number": "1", "display_direction": "inbound"])
        #expect(try JSONValue(encoding: ServerPingParams(serno: 42, authExpires: 99)) == ["serno": 42, "auth-expires": 99])
        #expect(try JSONValue(encoding: PuntParams()) == [:])
        #expect(try JSONValue(encoding: PromptParams(callID: "c", type: "dtmf", text: "PIN"))
            == ["callID": "c", "type": "dtmf", "text": "PIN"])
        #expect(try JSONValue(encoding: MediaParamsParams(callID: "c", mediaParams: ["a": 1]))
            == ["callID": "c", "mediaParams": ["a": 1]])
        #expect(try JSONValue(encoding: AnnounceParams(msg: ["hi"])) == ["msg": ["hi"]])
        #expect(try JSONValue(encoding: ServerAttachParams(callID: "c", sdp: "o")) == ["callID": "c", "sdp": "o", "variables": [:]])
        #expect(try JSONValue(encoding: ModifyResult(callID: "c", action: "hold", holdState: "held"))
            == ["callID": "c", "action": "hold", "holdState": "held"])
        #expect(try JSONValue(encoding: SubscribeResult(subscribed: ["a"], unauthorized: [], alreadySubscribed: []))
            == ["subscribedChannels": ["a"]])
        #expect(try JSONValue(encoding: ServerInfoParams(msg: ChatMessage(from: "a", to: "b", body: "hi")))
            == ["msg": ["from": "a", "to": "b", "body": "hi"]])
    }

    @Test func dialogParamsKeepMistypedKnownKeysVerbatim() throws {
        let object: [String: JSONValue] = ["callID": 12, "recoverCall": false, "userVariables": ["k": "v"], "tag": "t"]
        let d = DialogParams(object: object)
        #expect(d.callID == nil)
        #expect(d.recoverCall == false)
        #expect(d.userVariables == ["k": "v"])
        #expect(d.object == object)
    }

    @Test func eventChannelIsStringOrArray() throws {
        #expect(try JSONValue.object(["eventChannel": "a"]).decode(as: SubscribeParams.self).eventChannel?.channels == ["a"])
        #expect(try JSONValue.object(["eventChannel": ["a", "b"]]).decode(as: SubscribeParams.self).eventChannel?.channels == ["a", "b"])
    }

    @Test func chatMessageKeepsFromAndToExtras() throws {
        let m = try JSONValue.object(["to": "1000", "body": "hi", "from_msg_name": "A"]).decode(as: ChatMessage.self)
        #expect(m.to == "1000")
        #expect(m.additionalFields == ["from_msg_name": "A"])
        #expect(try JSONValue(encoding: m) == ["to": "1000", "body": "hi", "from_msg_name": "A"])
    }
}
