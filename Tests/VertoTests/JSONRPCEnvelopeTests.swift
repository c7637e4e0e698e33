import Testing

@testable import Verto

/// JSON-RPC 2.0 envelope as mod_verto applies it (compat §1.2).
@Suite struct JSONRPCEnvelopeTests {
    func frame(_ text: String) -> JSONRPCFrame { JSONRPCFrame.parse(Array(text.utf8)) }

    @Test func requestWithParams() {
        let f = frame(#"{"jsonrpc":"2.0","id":1,"method":"login","params":{"sessid":"8a1f...-c3"}}"#)
        #expect(f == .single(.request(JSONRPCRequest(id: JSONRPCID(1), method: "login", params: ["sessid": "8a1f...-c3"]))))
    }

    @Test func notificationHasNoID() {
        guard case .single(.request(let r)) = frame(#"{"jsonrpc":"2.0","method":"verto.ping"}"#) else {
            Issue.record("not a request")
            return
        }
        #expect(r.isNotification)
        #expect(r.json == ["jsonrpc": "2.0", "method": "verto.ping"])
    }

    @Test func stringIDsAreEchoed() {
        let f = frame(#"{"jsonrpc":"2.0","id":"abc","method":"x"}"#)
        #expect(f == .single(.request(JSONRPCRequest(id: .string("abc"), method: "x"))))
    }

    @Test func unparseableJSONIsInvalidRequestWithNullID() {
        let expected = JSONRPCFrame.single(.invalid(JSONRPCResponse(id: .null, error: .invalidRequest)))
        #expect(frame("{not json") == expected)
        #expect(frame("[]") == expected)
        #expect(expected.serialized() == Array(#"{"error":{"code":-32600,"message":"Invalid Request"},"id":null,"jsonrpc":"2.0"}"#.utf8))
    }

    @Test func wrongVersionIsInvalidMessageWithIDEchoed() {
        #expect(frame(#"{"jsonrpc":"1.0","id":7,"method":"login"}"#)
            == .single(.invalid(JSONRPCResponse(id: JSONRPCID(7), error: .invalidMessage))))
        #expect(frame(#"{"id":8,"method":"login"}"#)
            == .single(.invalid(JSONRPCResponse(id: JSONRPCID(8), error: .invalidMessage))))
        #expect(frame(#"{"id":8,"method":"login"}"#).serialized()
            == Array(#"{"error":{"code":-32600,"message":"Invalid message"},"id":8,"jsonrpc":"2.0"}"#.utf8))
    }

    @Test func missingMethodIsMethodError() {
        let f = frame(#"{"jsonrpc":"2.0","id":9,"params":{}}"#)
        #expect(f == .single(.invalid(JSONRPCResponse(id: JSONRPCID(9), error: .invalidMethod))))
        #expect(JSONRPCError.invalidMethod.json
            == ["code": -32601, "message": "Invalid Method, Missing Method or Permission Denied"])
    }

    @Test func objectIDIsInvalidRequest() {
        #expect(frame(#"{"jsonrpc":"2.0","id":{},"method":"x"}"#)
            == .single(.invalid(JSONRPCResponse(id: .null, error: .invalidRequest))))
    }

    @Test func responsesAreRecognised() {
        #expect(frame(#"{"jsonrpc":"2.0","id":17,"result":{"method":"verto.invite"}}"#)
            == .single(.response(JSONRPCResponse(id: JSONRPCID(17), result: ["method": "verto.invite"]))))
        #expect(frame(#"{"jsonrpc":"2.0","id":3,"error":{"code":-32000,"message":"Authentication Required"}}"#)
            == .single(.response(JSONRPCResponse(id: JSONRPCID(3), error: .authenticationRequired))))
    }

    @Test func batchesClassifyEachElement() {
        let f = frame(#"[{"jsonrpc":"2.0","id":1,"method":"a"}, 5, {"jsonrpc":"2.0","method":"b"}]"#)
        #expect(f == .batch([
            .request(JSONRPCRequest(id: JSONRPCID(1), method: "a")),
            .invalid(JSONRPCResponse(id: .null, error: .invalidRequest)),
            .request(JSONRPCRequest(id: nil, method: "b")),
        ]))
    }

    @Test func errorObjectsKeepExtraMembersFlat() throws {
        let error = JSONRPCError.callDoesNotExist("5d2c...")
        // §1.12 C: {"callID":"5d2c...","message":"CALL DOES NOT EXIST","code":-32002}
        #expect(error.json == (try JSONValue(parsing: #"{"callID":"5d2c...","message":"CALL DOES NOT EXIST","code":-32002}"#)))
        #expect(JSONRPCError(json: error.json) == error)
    }

    @Test func errorCodesAreTheReferenceNumbers() {
        #expect(VertoErrorCode.invalid == -32600)
        #expect(VertoErrorCode.authRequired == -32000)
        #expect(VertoErrorCode.authFailed == -32001)
        #expect(VertoErrorCode.sessionError == -32002)
        #expect(VertoErrorCode.method == -32601)
        #expect(VertoErrorCode.permission == -32602)
        #expect(JSONRPCError.permissionDenied.json == ["code": -32602, "message": "Permission Denied"])
        #expect(JSONRPCError.authenticationRequired.json == ["code": -32000, "message": "Authentication Required"])
        #expect(JSONRPCError.authFailed("Authentication Failure").json
            == ["code": -32001, "message": "Authentication Failure"])
    }

    @Test func methodNamesMatchTheReference() {
        #expect(VertoMethod.allCases.map(\.rawValue).sorted() == [
            "echo", "fsapi", "jsapi", "login", "verto.announce", "verto.answer", "verto.attach", "verto.broadcast",
            "verto.bye", "verto.clientReady", "verto.display", "verto.event", "verto.info", "verto.invite",
            "verto.media", "verto.mediaParams", "verto.modify", "verto.ping", "verto.prompt", "verto.punt",
            "verto.subscribe", "verto.unsubscribe",
        ])
    }
}
