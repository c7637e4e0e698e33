import Logging
import SDP
import SIPMessage
import Synchronization
import SIPStack
import SwitchCore
import Testing

@testable import SIPEndpoint

/// A router with a fixed table, standing in for the dialplan (the real plan is exercised by the interop tests).
struct TableRouter: SIPCallRouter {
    let routes: [String: [ApplicationInvocation]]

    func route(_ call: IncomingCall) async -> CallRouting {
        guard let apps = routes[call.profile.destinationNumber] else { return .reject(.noRouteDestination) }
        return .execute(apps)
    }

    /// Plays the call the way `answer` followed by the end of the application list does.
    func run(_ call: IncomingCall, applications: [ApplicationInvocation], driver: SIPServerCall, media: any SIPMediaLeg) async {
        if applications.first?.name == "answer" { try? await driver.answer() }
        await driver.hangup(.normalClearing)
    }
}

/// A one-shot latch: `wait` returns once `open` was called (before or after).
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resume = state.withLock { s -> Bool in
                if s.open { return true }
                s.waiter = continuation
                return false
            }
            if resume { continuation.resume() }
        }
    }

    func open() {
        state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.open = true
            defer { s.waiter = nil }
            return s.waiter
        }?.resume()
    }
}

/// Answers and keeps the call up until the test releases it: the caller's ACK, or its absence, decides what the
/// endpoint does meanwhile.
final class AnswerAndHoldRouter: SIPCallRouter {
    private let gate = Gate()
    private let answered = Mutex(false)

    func route(_ call: IncomingCall) async -> CallRouting { .execute([ApplicationInvocation("answer")]) }

    func run(_ call: IncomingCall, applications: [ApplicationInvocation], driver: SIPServerCall, media: any SIPMediaLeg) async {
        try? await driver.answer()
        answered.withLock { $0 = true }
        await gate.wait()
    }

    var hasAnswered: Bool { answered.withLock { $0 } }

    func release() { gate.open() }
}

/// Routes slowly (until the test lets it go), then listens for the far end's hangup the way the call engine
/// does: a CANCEL that comes while the call is still being routed must still reach the listener.
final class SlowRoutingRouter: SIPCallRouter {
    private let gate = Gate()
    private let causes = Mutex<[HangupCause]>([])
    private let routingStarted = Mutex(false)

    var heard: [HangupCause] { causes.withLock { $0 } }
    var isRouting: Bool { routingStarted.withLock { $0 } }

    func route(_ call: IncomingCall) async -> CallRouting {
        routingStarted.withLock { $0 = true }
        await gate.wait()
        return .execute([ApplicationInvocation("park")])
    }

    func run(_ call: IncomingCall, applications: [ApplicationInvocation], driver: SIPServerCall, media: any SIPMediaLeg) async {
        driver.onRemoteHangup { [self] cause in causes.withLock { $0.append(cause) } }
        await driver.hangup(heard.first ?? .normalClearing)
    }

    func letRoutingFinish() { gate.open() }
}

/// Media without sockets: records what the endpoint asked of it.
final class RecordingMediaLeg: SIPMediaLeg, SIPMediaProvider {
    let events = Mutex<[String]>([])
    let address = "192.0.2.1"
    let port = 40000

    func start(_ media: NegotiatedMedia) { events.withLock { $0.append("start \(media.encodingName) \(media.remotePort)") } }
    func close() { events.withLock { $0.append("close") } }
    func openLeg(uuid: String) async throws -> any SIPMediaLeg { self }
}

@Suite struct SIPInviteTests {
    static func invite(to number: String, sdp: String?, toTag: String? = nil, from: String = "visitor@elsewhere.test") -> [UInt8] {
        let body = sdp ?? ""
        var text = "INVITE sip:\(number)@example.test SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK\(number)\(toTag ?? "")\r\n"
        text += "From: \"Alice\" <sip:\(from)>;tag=a1\r\nTo: <sip:\(number)@example.test>\(toTag.map { ";tag=\($0)" } ?? "")\r\n"
        text += "Call-ID: call-\(number)\r\nCSeq: 1 INVITE\r\nContact: <sip:1000@192.0.2.10:5062>\r\nMax-Forwards: 70\r\n"
        if sdp != nil { text += "Content-Type: application/sdp\r\n" }
        text += "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        return Array(text.utf8)
    }

    static func offer(_ formats: String, _ maps: [String]) -> String {
        (["v=0", "o=- 1 1 IN IP4 192.0.2.10", "s=-", "c=IN IP4 192.0.2.10", "t=0 0", "m=audio 4000 RTP/AVP \(formats)"]
            + maps).joined(separator: "\r\n") + "\r\n"
    }

    func finalResponse(_ bytes: [UInt8], router: SIPCallRouter, media: SIPMediaProvider? = nil) async throws -> SIPResponse {
        try await exchange(bytes, router: router, media: media).sink.responses().last { $0.statusCode >= 200 }.map { $0 }
            ?? { throw SIPParseError(.truncated, "no final response") }()
    }

    func exchange(_ bytes: [UInt8], router: SIPCallRouter, media: SIPMediaProvider? = nil) async throws -> EndpointFixture {
        let f = try EndpointFixture()
        let endpoint = SIPEndpoint(
            configuration: .init(), registrar: f.registrar, sink: f.sink, timers: f.timers, callRouter: router,
            mediaProvider: media, logger: Logger(label: "test"))
        endpoint.received(bytes, from: EndpointFixture.phone)
        await endpoint.waitUntilIdle()
        return f
    }

    @Test func noRouteIs404WithQ850Reason() async throws {
        let r = try await finalResponse(Self.invite(to: "5555", sdp: Self.offer("0", ["a=rtpmap:0 PCMU/8000"])), router: TableRouter(routes: [:]))
        #expect(r.statusCode == 404)
        #expect(r.headers["Reason"] == "Q.850;cause=3;text=\"NO_ROUTE_DESTINATION\"")
        #expect(r.headers.to?.tag != nil)
    }

    @Test func offerWithoutCommonCodecIs488() async throws {
        let r = try await finalResponse(Self.invite(to: "9196", sdp: Self.offer("18", ["a=rtpmap:18 G729/8000"])), router: TableRouter(routes: [:]))
        #expect(r.statusCode == 488)
    }

    @Test func malformedOfferIs488() async throws {
        let r = try await finalResponse(Self.invite(to: "9196", sdp: "garbage"), router: TableRouter(routes: [:]))
        #expect(r.statusCode == 488)
    }

    @Test func routedCallWithoutMediaIsATemporaryFailure() async throws {
        let router = TableRouter(routes: ["9196": [ApplicationInvocation("answer"), ApplicationInvocation("echo")]])
        let r = try await finalResponse(Self.invite(to: "9196", sdp: Self.offer("8 0", ["a=rtpmap:8 PCMA/8000"])), router: router)
        #expect(r.statusCode == HangupCause.normalTemporaryFailure.sipStatus)
    }

    @Test func answeredCallGets200WithSDPThenOurBYE() async throws {
        let router = TableRouter(routes: ["9196": [ApplicationInvocation("answer")]])
        let media = RecordingMediaLeg()
        let f = try await exchange(
            Self.invite(to: "9196", sdp: Self.offer("8 0", ["a=rtpmap:8 PCMA/8000", "a=rtpmap:0 PCMU/8000"])), router: router,
            media: media)
        let ok = try #require(f.sink.responses().first { $0.statusCode == 200 })
        let sdp = String(decoding: ok.body, as: UTF8.self)
        #expect(sdp.contains("m=audio 40000 RTP/AVP 0"))  // our preference (PCMU) among the offered codecs
        #expect(ok.headers["Contact"] != nil && ok.headers.to?.tag != nil)
        let requests = f.sink.sent.withLock { $0 }.compactMap { (bytes, _) -> SIPRequest? in
            if case .request(let r) = try? SIPParser().parse(bytes) { return r }
            return nil
        }
        let bye = try #require(requests.first { $0.method == .bye })
        #expect(bye.headers.to?.tag == "a1")
        #expect(bye.headers.from?.tag == ok.headers.to?.tag)
        #expect(bye.headers["Reason"]?.contains("cause=16") == true)
        #expect(media.events.withLock { $0 } == ["start PCMU 4000", "close"])
    }

    /// An endpoint on the fixture's manual clock with `router`, and a PCMU call to 9196 sent to it.
    static func placeCall<R: SIPCallRouter>(with router: R) throws -> (EndpointFixture, SIPEndpoint, R) {
        let f = try EndpointFixture()
        let endpoint = SIPEndpoint(
            configuration: .init(), registrar: f.registrar, sink: f.sink, timers: f.timers, callRouter: router,
            mediaProvider: RecordingMediaLeg(), logger: Logger(label: "test"))
        endpoint.received(invite(to: "9196", sdp: offer("0", ["a=rtpmap:0 PCMU/8000"])), from: EndpointFixture.phone)
        return (f, endpoint, router)
    }

    /// RFC 3261 §13.3.1.4: the 2xx is sent again at T1, 2·T1, 4·T1… (capped at T2) until the ACK stops it.
    @Test func unacknowledgedOKIsRetransmittedUntilTheACK() async throws {
        let (f, endpoint, router) = try Self.placeCall(with: AnswerAndHoldRouter())
        while !router.hasAnswered { await Task.yield() }
        defer { router.release() }
        func oks() -> Int { f.sink.responses().count { $0.statusCode == 200 } }
        #expect(oks() == 1)
        f.timers.advance(by: .milliseconds(499))
        #expect(oks() == 1)
        f.timers.advance(by: .milliseconds(1))
        #expect(oks() == 2)
        f.timers.advance(by: .milliseconds(1000))
        #expect(oks() == 3)
        let ok = try #require(f.sink.responses().first { $0.statusCode == 200 })
        var ack = "ACK sip:1000@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bKack\r\n"
        ack += "From: \"Alice\" <sip:visitor@elsewhere.test>;tag=a1\r\nTo: <sip:9196@example.test>;tag=\(ok.headers.to?.tag ?? "")\r\n"
        ack += "Call-ID: call-9196\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
        endpoint.received(Array(ack.utf8), from: EndpointFixture.phone)
        #expect(!f.timers.state.withLock { $0.timers.keys.contains { $0.name == .okRetransmission } })
        f.timers.advance(by: .seconds(10))
        #expect(oks() == 3)
    }

    /// Without an ACK the 2xx goes out for 64·T1 (T1 doubling to T2 = 4 s), then the endpoint gives up.
    @Test func okRetransmissionGivesUpAfter64T1() async throws {
        let (f, endpoint, router) = try Self.placeCall(with: AnswerAndHoldRouter())
        while !router.hasAnswered { await Task.yield() }
        defer { router.release() }
        for _ in 0..<120 { f.timers.advance(by: .milliseconds(500)) }
        // Sent at 0, then 0.5, 1.5, 3.5, 7.5, 11.5 … 31.5 s: 1 + 10.
        #expect(f.sink.responses().count { $0.statusCode == 200 } == 11)
        #expect(!f.timers.state.withLock { $0.timers.keys.contains { $0.name == .okRetransmission } })
    }

    /// A CANCEL while the call is still being routed (before the engine listens for the far end) is not lost:
    /// the listener hears ORIGINATOR_CANCEL when it registers, and the INVITE gets 487.
    @Test func cancelDuringRoutingReachesTheLateListener() async throws {
        let (f, endpoint, router) = try Self.placeCall(with: SlowRoutingRouter())
        while !router.isRouting { await Task.yield() }
        var cancel = "CANCEL sip:9196@example.test SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK9196\r\n"
        cancel += "From: \"Alice\" <sip:visitor@elsewhere.test>;tag=a1\r\nTo: <sip:9196@example.test>\r\n"
        cancel += "Call-ID: call-9196\r\nCSeq: 1 CANCEL\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
        endpoint.received(Array(cancel.utf8), from: EndpointFixture.phone)
        router.letRoutingFinish()
        await endpoint.waitUntilIdle()
        #expect(router.heard == [.originatorCancel])
        #expect(f.sink.responses().contains { $0.statusCode == 487 })
    }

    @Test func aCallerClaimingALocalUserIsChallengedWith407() async throws {
        let r = try await finalResponse(
            Self.invite(to: "9196", sdp: Self.offer("0", ["a=rtpmap:0 PCMU/8000"]), from: "1000@example.test"),
            router: TableRouter(routes: [:]))
        #expect(r.statusCode == 407)
        #expect(r.headers.values("Proxy-Authenticate").count == 2)
    }

    @Test func reInviteForAnUnknownDialogIs481() async throws {
        let r = try await finalResponse(Self.invite(to: "9196", sdp: nil, toTag: "zz"), router: TableRouter(routes: [:]))
        #expect(r.statusCode == 481)
    }
}
