import SwitchCore
import Testing
import Verto

@testable import VertoEndpoint

/// Disconnect, detach and re-attach (compat §1.9) with a manual clock.
@Suite struct VertoDetachTests {
    /// A logged-in connection with an answered call "up", a ringing call "ringing", and an answered
    /// non-recoverable call "norecover".
    func setUp() -> (VertoTestHost, VertoConnectionID) {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c, sessid: "S")
        _ = host.invite("up", on: c)
        _ = host.invite("ringing", on: c)
        _ = host.invite("norecover", on: c, extra: ["recoverCall": false])
        _ = host.hub.signal(.answer(ServerAnswerParams(callID: "up", sdp: "a")))
        _ = host.hub.signal(.answer(ServerAnswerParams(callID: "norecover", sdp: "a")))
        return (host, c)
    }

    @Test func disconnectAppliesTheThreeRules() {
        var (host, c) = setUp()
        let actions = host.hub.connectionClosed(c, now: host.now)
        #expect(actions == [
            .hangUp(callID: "norecover", cause: .normalClearing),
            .hangUp(callID: "ringing", cause: .destinationOutOfOrder),
            .callDetached(callID: "up"),
        ])
        #expect(host.hub.detachedCallIDs == ["up"])
        #expect(host.hub.connection(c) == nil)
    }

    @Test func reloginWithinDetachTimeoutReattaches() {
        var (host, c) = setUp()
        _ = host.hub.connectionClosed(c, now: host.now)
        host.advance(.seconds(119))
        #expect(host.hub.timerFired(now: host.now).isEmpty)
        let d = host.open(2)
        let actions = host.login(d, sessid: "S")
        #expect(frames(actions, to: d).last == ["jsonrpc": "2.0", "id": 4, "method": "verto.clientReady", "params": ["reattached_sessions": ["up"]]])
        #expect(effects(actions) == [.reattachCall(callID: "up", connection: d)])
        // The host sends the attach offer; the client answers it.
        let offer = host.hub.signal(.attach(ServerAttachParams(callID: "up", sdp: "offer")))
        #expect(frames(offer, to: d).first?["params"] == ["callID": "up", "sdp": "offer", "variables": [:]])
        let answer = host.call("verto.attach", id: 30, params: ["sdp": "answer", "dialogParams": ["callID": "up"]], on: d)
        #expect(frames(answer, to: d).first?["result"] == ["sessid": "S"])
        #expect(effects(answer) == [.attachAnswered(callID: "up", sdp: "answer")])
        host.advance(.seconds(10))
        #expect(host.hub.timerFired(now: host.now).filter { if case .hangUp = $0 { true } else { false } }.isEmpty)
    }

    @Test func detachTimeoutHangsUpWithRecoveryOnTimerExpire() {
        var (host, c) = setUp()
        _ = host.hub.connectionClosed(c, now: host.now)
        #expect(host.hub.nextDeadline == host.now + .seconds(120))
        host.advance(.seconds(120))
        #expect(host.hub.timerFired(now: host.now) == [.hangUp(callID: "up", cause: .recoveryOnTimerExpire)])
        let d = host.open(2)
        let actions = host.login(d, sessid: "S")
        #expect(frames(actions, to: d).last?["params"] == ["reattached_sessions": []])
    }

    @Test func expiredLoginMakesDetachExpiryBearerCapabilityNotAuth() {
        var host = VertoTestHost()
        let c = host.open(1)
        var identity = VertoTestHost.identity()
        identity.authExpires = Int(host.now.seconds) + 60
        _ = host.login(c, sessid: "S", identity: identity)
        _ = host.invite("up", on: c)
        _ = host.hub.signal(.answer(ServerAnswerParams(callID: "up", sdp: "a")))
        _ = host.hub.connectionClosed(c, now: host.now)
        host.advance(.seconds(120))
        #expect(host.hub.timerFired(now: host.now) == [.hangUp(callID: "up", cause: .bearerCapabilityNotAuth)])
    }

    @Test func otherUserDoesNotGetDetachedCalls() {
        var (host, c) = setUp()
        _ = host.hub.connectionClosed(c, now: host.now)
        let d = host.open(2)
        let actions = host.login(d, user: "1009", sessid: "S")
        #expect(frames(actions, to: d).last?["params"] == ["reattached_sessions": []])
        #expect(host.hub.detachedCallIDs == ["up"])
    }

    @Test func switchHangupOfDetachedCallSendsNothing() {
        var (host, c) = setUp()
        _ = host.hub.connectionClosed(c, now: host.now)
        #expect(host.hub.callEnded("up", cause: .normalClearing).isEmpty)
        #expect(host.hub.detachedCallIDs.isEmpty)
    }

    @Test func attachBeforeAnswerIsRefused() {
        var (host, c) = setUp()
        let actions = host.call("verto.attach", id: 31, params: ["sdp": "x", "dialogParams": ["callID": "ringing"]], on: c)
        #expect(frames(actions, to: c).first?["error"]?["message"] == "Cannot attach to a call that has not been answered.")
    }
}

/// Keep-alive, ping timeouts, login expiry and the slow-consumer bound.
@Suite struct VertoKeepAliveTests {
    @Test func serverPingsAfterSilenceAndClosesAfterTimeout() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        #expect(host.hub.nextDeadline == host.now + .seconds(30))
        host.advance(.seconds(29))
        #expect(host.hub.timerFired(now: host.now).isEmpty)
        host.advance(.seconds(1))
        let ping = host.hub.timerFired(now: host.now)
        #expect(frames(ping, to: c) == [["jsonrpc": "2.0", "id": 2, "method": "verto.ping", "params": ["serno": .number(Double(host.now.seconds))]]])
        #expect(host.hub.timerFired(now: host.now).isEmpty)
        host.advance(.seconds(30))
        #expect(host.hub.timerFired(now: host.now) == [.close(c, .pingTimeout)])
        #expect(host.receive(#"{"jsonrpc":"2.0","id":3,"method":"verto.ping"}"#, on: c).isEmpty)
    }

    @Test func anyFrameResetsTheKeepAlive() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        host.advance(.seconds(30))
        _ = host.hub.timerFired(now: host.now)
        host.advance(.seconds(20))
        // The client's reply to our ping counts as activity.
        #expect(host.receive(#"{"jsonrpc":"2.0","id":2,"result":{"method":"verto.ping"}}"#, on: c).isEmpty)
        host.advance(.seconds(20))
        #expect(host.hub.timerFired(now: host.now).isEmpty)
        host.advance(.seconds(10))
        #expect(methods(host.hub.timerFired(now: host.now), to: c) == ["verto.ping"])
    }

    @Test func clientPingGetsPong() {
        var host = VertoTestHost()
        let c = host.open(1)
        _ = host.login(c)
        let pong = host.receive(#"{"jsonrpc":"2.0","id":9,"method":"verto.ping","params":{}}"#, on: c)
        #expect(frames(pong, to: c) == [parse(#"{"jsonrpc":"2.0","id":9,"result":{"message":"PONG","sessid":"sess-1"}}"#)])
    }

    @Test func loginExpiryCloses() {
        var host = VertoTestHost()
        let c = host.open(1)
        var identity = VertoTestHost.identity()
        identity.authExpires = Int(host.now.seconds) + 10
        _ = host.login(c, identity: identity)
        host.advance(.seconds(10))
        #expect(host.hub.timerFired(now: host.now) == [.close(c, .loginExpired)])
    }

    @Test func slowConsumerIsClosed() {
        var configuration = VertoConfiguration()
        configuration.maxPendingOutboundBytes = 400
        var host = VertoTestHost(configuration: configuration)
        let c = host.open(1)
        let login = host.login(c)  // result + clientReady, well under 400 bytes
        let written = login.reduce(0) { n, a in if case .send(_, let b) = a { n + b.count } else { n } }
        #expect(host.hub.connection(c)?.pendingOutboundBytes == written)
        host.hub.written(byteCount: written, on: c)
        #expect(host.hub.connection(c)?.pendingOutboundBytes == 0)
        var actions: [VertoAction] = []
        for i in 0..<10 { actions += host.call("verto.ping", id: 100 + i, params: [:], on: c) }
        #expect(actions.last == .close(c, .slowConsumer))
        #expect(actions.filter { if case .close = $0 { true } else { false } }.count == 1)
        #expect(host.hub.connection(c)?.state == .closing)
    }
}

@Suite struct VertoInstantTests {
    @Test func arithmeticSaturates() {
        #expect(VertoInstant.seconds(2).nanoseconds == 2_000_000_000)
        #expect(VertoInstant.seconds(.max).nanoseconds == .max)
        #expect((VertoInstant.seconds(1) + .milliseconds(1500)).nanoseconds == 2_500_000_000)
        #expect((VertoInstant(nanoseconds: .max - 1) + .seconds(10)).nanoseconds == .max)
        #expect(VertoInstant.seconds(3).seconds == 3)
    }

    @Test func farAuthExpiresDoesNotTrap() {
        var host = VertoTestHost()
        let c = host.open(1)
        var identity = VertoTestHost.identity()
        identity.authExpires = .max
        _ = host.login(c, identity: identity)
        #expect(host.hub.timerFired(now: host.now).isEmpty)
    }
}
