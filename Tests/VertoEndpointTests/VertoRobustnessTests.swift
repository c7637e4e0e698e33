import SwitchCore
import Testing
import Verto

@testable import VertoEndpoint

/// Bad input: malformed frames, batches, notifications, echoParams, fuzzed frames.
@Suite struct VertoRobustnessTests {
    @Test func malformedJSONIsInvalidRequestWithNullID() {
        var host = VertoTestHost()
        let c = host.open(1)
        for text in ["{", "", "[]", "nonsense", "\u{0}"] {
            #expect(frames(host.receive(text, on: c), to: c)
                == [parse(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request"}}"#)], "\(text)")
        }
        let big = "[" + String(repeating: "1,", count: 600_000) + "1]"
        #expect(frames(host.receive(big, on: c), to: c).first?["error"]?["code"] == -32600)
    }

    @Test func unknownMethodAfterLogin() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        let actions = host.receive(#"{"jsonrpc":"2.0","id":5,"method":"verto.frobnicate","params":{}}"#, on: c)
        #expect(frames(actions, to: c) == [parse(#"{"jsonrpc":"2.0","id":5,"error":{"code":-32601,"message":"Invalid Method, Missing Method or Permission Denied"}}"#)])
    }

    @Test func batchRepliesAsArrayAndNotificationsGetNone() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        let actions = host.receive(#"""
            [{"jsonrpc":"2.0","id":1,"method":"verto.ping"},{"jsonrpc":"2.0","method":"verto.ping"},
             {"jsonrpc":"2.0","id":2,"method":"nope"},{"jsonrpc":"2.0","id":3,"result":{}}]
            """#, on: c)
        #expect(frames(actions, to: c) == [[
            ["jsonrpc": "2.0", "id": 1, "result": ["message": "PONG", "sessid": "sess-1"]],
            ["jsonrpc": "2.0", "id": 2, "error": JSONRPCError.invalidMethod.json],
        ]])
        #expect(host.receive(#"{"jsonrpc":"2.0","method":"verto.ping"}"#, on: c).isEmpty)
    }

    @Test func echoParamsCopiesRequestParams() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        let copy = host.call("verto.ping", id: 6, params: ["echoParams": "true", "x": 1], on: c)
        #expect(frames(copy, to: c).first?["result"]?["requestParams"] == ["echoParams": "true", "x": 1])
        let value = host.call("verto.ping", id: 7, params: ["echoParams": ["tag": 5]], on: c)
        #expect(frames(value, to: c).first?["result"]?["requestParams"] == ["tag": 5])
    }

    @Test func framesForUnknownConnectionsAreIgnored() {
        var host = VertoTestHost()
        #expect(host.receive(#"{"jsonrpc":"2.0","id":1,"method":"login"}"#, on: VertoConnectionID(99)).isEmpty)
    }

    /// Mutants of valid client frames, fed to a logged-in connection with a live call, never trap; every
    /// request with an id gets exactly one reply frame or a deferred action.
    @Test func mutatedFramesNeverTrap() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        _ = host.invite("c1", on: c)
        let seeds = [
            #"{"jsonrpc":"2.0","id":3,"method":"verto.info","params":{"dtmf":"1","dialogParams":{"callID":"c1"}}}"#,
            #"{"jsonrpc":"2.0","id":4,"method":"verto.modify","params":{"action":"hold","dialogParams":{"callID":"c1"}}}"#,
            #"{"jsonrpc":"2.0","id":5,"method":"verto.subscribe","params":{"eventChannel":["demo","x"]}}"#,
            #"{"jsonrpc":"2.0","id":6,"method":"verto.broadcast","params":{"eventChannel":"demo","data":{"a":[1,2]}}}"#,
            #"{"jsonrpc":"2.0","id":7,"method":"verto.invite","params":{"sdp":"v=0","dialogParams":{"callID":"c9"}}}"#,
        ]
        var rng = SplitMix(state: 42)
        var replies = 0
        for seed in seeds {
            let bytes = Array(seed.utf8)
            for _ in 0..<1_000 {
                var mutant = bytes
                let i = Int(rng.next() % UInt64(mutant.count))
                mutant[i] = UInt8(truncatingIfNeeded: rng.next())
                let actions = host.hub.received(mutant, on: c, now: host.now)
                replies += frames(actions, to: c).count
                host.hub.written(byteCount: Int.max / 2, on: c)
            }
        }
        #expect(replies > 0)
        #expect(host.hub.connection(c) != nil)
    }
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
