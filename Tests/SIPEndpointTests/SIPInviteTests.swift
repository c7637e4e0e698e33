import Logging
import SIPMessage
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
}

@Suite struct SIPInviteTests {
    static func invite(to number: String, sdp: String?, toTag: String? = nil) -> [UInt8] {
        let body = sdp ?? ""
        var text = "INVITE sip:\(number)@example.test SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK\(number)\(toTag ?? "")\r\n"
        text += "From: \"Alice\" <sip:1000@example.test>;tag=a1\r\nTo: <sip:\(number)@example.test>\(toTag.map { ";tag=\($0)" } ?? "")\r\n"
        text += "Call-ID: call-\(number)\r\nCSeq: 1 INVITE\r\nContact: <sip:1000@192.0.2.10:5062>\r\nMax-Forwards: 70\r\n"
        if sdp != nil { text += "Content-Type: application/sdp\r\n" }
        text += "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        return Array(text.utf8)
    }

    static func offer(_ formats: String, _ maps: [String]) -> String {
        (["v=0", "o=- 1 1 IN IP4 192.0.2.10", "s=-", "c=IN IP4 192.0.2.10", "t=0 0", "m=audio 4000 RTP/AVP \(formats)"]
            + maps).joined(separator: "\r\n") + "\r\n"
    }

    func finalResponse(_ bytes: [UInt8], router: SIPCallRouter) async throws -> SIPResponse {
        let f = try EndpointFixture()
        let endpoint = SIPEndpoint(
            configuration: .init(), registrar: f.registrar, sink: f.sink, timers: f.timers, callRouter: router,
            logger: Logger(label: "test"))
        endpoint.received(bytes, from: EndpointFixture.phone)
        await endpoint.waitUntilIdle()
        return try #require(f.sink.responses().last { $0.statusCode >= 200 })
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

    @Test func routedCallWhoseApplicationsAreMissingFailsLikeFreeSWITCH() async throws {
        let router = TableRouter(routes: ["9196": [ApplicationInvocation("answer"), ApplicationInvocation("echo")]])
        let r = try await finalResponse(Self.invite(to: "9196", sdp: Self.offer("8 0", ["a=rtpmap:8 PCMA/8000"])), router: router)
        #expect(r.statusCode == HangupCause.destinationOutOfOrder.sipStatus)
    }

    @Test func reInviteForAnUnknownDialogIs481() async throws {
        let r = try await finalResponse(Self.invite(to: "9196", sdp: nil, toTag: "zz"), router: TableRouter(routes: [:]))
        #expect(r.statusCode == 481)
    }
}
