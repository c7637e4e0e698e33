import SwitchCore
import Testing
import Verto

@testable import VertoEndpoint

/// Login, sessid, punt and method gating (compat §1.3, §1.4, §1.12 A).
@Suite struct VertoLoginTests {
    @Test func exampleALoginExchange() {
        var host = VertoTestHost()
        let c = host.open(1)
        let first = host.receive(#"{"jsonrpc":"2.0","id":1,"method":"login","params":{"sessid":"8a1f...-c3"}}"#, on: c)
        #expect(frames(first, to: c) == [parse(#"{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"Authentication Required"}}"#)])
        let second = host.receive(#"""
            {"jsonrpc":"2.0","id":2,"method":"login","params":{"login":"1008@pbx.example","passwd":"1234",
             "loginParams":{},"userVariables":{"avatar":"x.png"},"sessid":"8a1f...-c3"}}
            """#, on: c)
        guard case .authenticate(let attempt) = second.first, second.count == 1 else {
            Issue.record("expected authenticate: \(second)")
            return
        }
        #expect(attempt.user == "1008")
        #expect(attempt.domain == "pbx.example")
        #expect(attempt.password == "1234")
        #expect(attempt.userVariables == ["avatar": "x.png"])
        #expect(attempt.sessid == "8a1f...-c3")
        let done = host.hub.loginChecked(attempt, .accepted(VertoTestHost.identity()), now: host.now)
        #expect(frames(done, to: c) == [
            parse(#"{"jsonrpc":"2.0","id":2,"result":{"message":"logged in","sessid":"8a1f...-c3"}}"#),
            parse(#"{"jsonrpc":"2.0","id":1,"method":"verto.clientReady","params":{"reattached_sessions":[]}}"#),
        ])
        #expect(host.hub.connection(c)?.sessid == "8a1f...-c3")
        #expect(host.hub.connections(forLogin: "1008@pbx.example") == [c])
    }

    @Test func wrongPasswordIsAuthenticationFailureAndRetryable() {
        var host = VertoTestHost()
        let c = host.open(1)
        let actions = host.call("login", id: 2, params: ["login": "1008@pbx.example", "passwd": "x", "sessid": "s"], on: c)
        guard case .authenticate(let attempt) = actions.first else { Issue.record("no attempt"); return }
        let rejected = host.hub.loginChecked(attempt, .rejected(message: "Authentication Failure"), now: host.now)
        #expect(frames(rejected, to: c) == [parse(#"{"jsonrpc":"2.0","id":2,"error":{"code":-32001,"message":"Authentication Failure"}}"#)])
        #expect(host.hub.connection(c)?.state == .awaitingLogin)
        #expect(!host.login(c).isEmpty)
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":1,"method":"login"}"#, -32001, "Missing params"),
        (#"{"jsonrpc":"2.0","id":1,"method":"login","params":{"login":"1008"}}"#, -32001, "Missing passwd"),
        (#"{"jsonrpc":"2.0","id":1,"method":"login","params":{"login":"@pbx","passwd":"1"}}"#, -32001, "Missing or improper credentials"),
        (#"{"jsonrpc":"2.0","id":1,"method":"login","params":{"login":"1008","passwd":"1"}}"#, -32001, "Missing or improper credentials"),
        (#"{"jsonrpc":"2.0","id":1,"method":"login","params":{"login":5,"passwd":"1"}}"#, -32001, "Missing or improper credentials"),
        (#"{"jsonrpc":"2.0","id":1,"method":"login","params":{}}"#, -32000, "Authentication Required"),
        (#"{"jsonrpc":"2.0","id":1,"method":"verto.invite","params":{}}"#, -32000, "Authentication Required"),
        (#"{"jsonrpc":"2.0","id":1,"method":"verto.ping"}"#, -32000, "Authentication Required"),
    ])
    func loginErrors(_ text: String, _ code: Int, _ message: String) {
        var host = VertoTestHost()  // no default domain: "1008" alone has no domain
        let c = host.open(1)
        let actions = host.receive(text, on: c)
        #expect(frames(actions, to: c) == [["jsonrpc": "2.0", "id": 1, "error": ["code": .number(Double(code)), "message": .string(message)]]])
    }

    @Test func domainRules() {
        var configuration = VertoConfiguration()
        configuration.defaultDomain = "default.example"
        var host = VertoTestHost(configuration: configuration)
        let c = host.open(1)
        guard case .authenticate(let a) = host.call("login", id: 1, params: ["login": "1000", "passwd": "p"], on: c).first else {
            Issue.record("no attempt"); return
        }
        #expect(a.domain == "default.example")
        configuration.forceRegisterDomain = "forced.example"
        host = VertoTestHost(configuration: configuration)
        let d = host.open(2)
        guard case .authenticate(let b) = host.call("login", id: 1, params: ["login": "1000@x", "passwd": "p"], on: d).first else {
            Issue.record("no attempt"); return
        }
        #expect(b.user == "1000")
        #expect(b.domain == "forced.example")
    }

    @Test func sameUserSameSessidPuntsOldConnectionAndMovesCalls() {
        var host = VertoTestHost()
        let old = host.open(1)
        _ = host.login(old, sessid: "S")
        _ = host.invite("call-1", on: old)
        _ = host.hub.signal(.answer(ServerAnswerParams(callID: "call-1", sdp: "answer")))
        let new = host.open(2)
        let actions = host.login(new, sessid: "S")
        #expect(methods(actions, to: old) == ["verto.punt"])
        #expect(frames(actions, to: old).first?["params"] == [:])
        #expect(effects(actions) == [
            .callDetached(callID: "call-1"), .close(old, .punted),
            .reattachCall(callID: "call-1", connection: new),
        ])
        let toNew = frames(actions, to: new)
        #expect(toNew.first?["result"]?["sessid"] == "S")
        #expect(toNew.last?["params"] == ["reattached_sessions": ["call-1"]])
        #expect(host.hub.connection(new)?.calls == ["call-1"])
        // The punted socket closing later changes nothing for the moved call.
        #expect(host.hub.connectionClosed(old, now: host.now).isEmpty)
        #expect(host.hub.connection(forSessid: "S") == new)
    }

    @Test func otherUserWithLiveSessidGetsSessionInUse() {
        var host = VertoTestHost()
        let a = host.open(1)
        _ = host.login(a, user: "1008", sessid: "S")
        let b = host.open(2)
        let actions = host.login(b, user: "1009", sessid: "S")
        #expect(frames(actions, to: b) == [parse(#"{"jsonrpc":"2.0","id":2,"error":{"code":-32001,"message":"Session in use"}}"#)])
        #expect(effects(actions) == [.close(b, .sessionInUse)])
        #expect(host.hub.connection(forSessid: "S") == a)
        #expect(host.receive(#"{"jsonrpc":"2.0","id":3,"method":"verto.ping"}"#, on: b).isEmpty)
    }

    @Test func missingSessidIsGenerated() {
        var host = VertoTestHost()
        let c = host.open(1)
        guard case .authenticate(let a) = host.call("login", id: 1, params: ["login": "1@d", "passwd": "p"], on: c).first else {
            Issue.record("no attempt"); return
        }
        _ = host.hub.loginChecked(a, .accepted(VertoTestHost.identity("1", domain: "d")), now: host.now)
        #expect(host.hub.connection(c)?.sessid?.count == 36)
    }

    @Test func staleVerdictIsIgnored() {
        var host = VertoTestHost()
        let c = host.open(1)
        guard case .authenticate(let a) = host.call("login", id: 1, params: ["login": "1@d", "passwd": "p"], on: c).first else {
            Issue.record("no attempt"); return
        }
        _ = host.hub.connectionClosed(c, now: host.now)
        #expect(host.hub.loginChecked(a, .accepted(VertoTestHost.identity()), now: host.now).isEmpty)
    }

    @Test func loginResultCarriesFlags() {
        var host = VertoTestHost()
        let c = host.open(1)
        var identity = VertoTestHost.identity()
        identity.moderator = true
        identity.stereoAudio = true
        identity.authExpires = 1_800_000_000
        let actions = host.login(c, identity: identity)
        #expect(frames(actions, to: c).first?["result"] == [
            "message": "logged in", "sessid": "sess-1", "moderator": true, "stereoAudio": true, "auth-expires": 1_800_000_000,
        ])
        // A second login on a logged-in connection is answered like mod_verto: the same result.
        let again = host.call("login", id: 9, params: ["login": "x@y", "passwd": "z"], on: c)
        #expect(frames(again, to: c).first?["result"]?["message"] == "logged in")
    }

    @Test func methodsOutsideThePermissionListAreRefused() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        for method in ["jsapi", "fsapi", "echo", "verto.nonsense", "verto.punt", "verto.event"] {
            let actions = host.call(method, id: 7, params: [:], on: c)
            #expect(frames(actions, to: c) == [["jsonrpc": "2.0", "id": 7, "error": JSONRPCError.invalidMethod.json]], "\(method)")
        }
    }

    @Test func echoWhenAllowed() {
        var host = VertoTestHost()
        let c = host.open(1)
        var identity = VertoTestHost.identity()
        identity.permissions.methods = VertoPermissionList(parsing: "verto, echo")
        _ = host.login(c, identity: identity)
        let actions = host.call("echo", id: 4, params: ["a": 1], on: c)
        #expect(frames(actions, to: c).first?["result"] == ["a": 1, "sessid": "sess-1"])
        #expect(VertoPermissionList(parsing: "__ANY__") == .any)
    }
}

@Suite struct VertoLoginAttemptDescriptionTests {
    @Test func passwordIsNotPrinted() {
        var host = VertoTestHost()
        let c = host.open(1)
        let actions = host.call("login", id: 2, params: ["login": "1008@pbx.example", "passwd": "s3cret!", "sessid": "S"], on: c)
        guard case .authenticate(let attempt) = actions.first else { Issue.record("no attempt"); return }
        #expect("\(attempt)" == "VertoLoginAttempt(1008@pbx.example, sessid: S, request: 2)")
        #expect(!"\(host.hub.connection(c)!.state)".contains("s3cret!"))
    }
}
