import Foundation
import SIPMessage
import SIPStack
import SwitchCore
import Testing

@testable import SIPEndpoint

@Suite struct SIPRegistrarTests {
    /// Answers the challenge in `response` as a UA would (RFC 7616 §3.4, qop=auth).
    static func authorization(for response: SIPResponse, algorithm: String = "MD5", user: String = "1000", password: String = "secret") throws -> String {
        let header = try #require(response.headers.values("WWW-Authenticate").first { $0.contains("algorithm=\(algorithm)") })
        let challenge = try DigestChallenge(parsing: header)
        let ha1 = Digest.ha1(username: user, realm: challenge.realm, password: password, algorithm: challenge.algorithm)
        let credentials = DigestCredentials.answering(
            challenge, username: user, ha1: ha1, method: "REGISTER", uri: "sip:\(EndpointFixture.domain)",
            cnonce: "0a4f113b")
        return credentials.headerValue
    }

    func exchange(_ f: EndpointFixture, _ bytes: [UInt8], from peer: SIPPeer = EndpointFixture.phone) async -> SIPResponse? {
        let before = f.sink.responses().count
        f.endpoint.received(bytes, from: peer)
        let all = f.sink.responses()
        return all.count > before ? all.last : nil
    }

    @Test func registerIsChallengedThenAccepted() async throws {
        let f = try EndpointFixture()
        let challenge = try #require(await exchange(f, EndpointFixture.register(cseq: 1)))
        #expect(challenge.statusCode == 401)
        #expect(challenge.headers.values("WWW-Authenticate").count == 2)
        for (cseq, algorithm) in [(2, "MD5"), (3, "SHA-256")] {
            let auth = try Self.authorization(for: challenge, algorithm: algorithm)
            let ok = try #require(await exchange(f, EndpointFixture.register(cseq: cseq, authorization: auth)))
            #expect(ok.statusCode == 200, "\(algorithm)")
            #expect(ok.headers.elements("Contact").count == 1)
            #expect(ok.headers.contacts.first?.expires == 300)
        }
        try await f.sync.flush()  // the registrar writes behind: make the store current before reading it
        let bindings = try f.store.registrations(user: "1000", domain: EndpointFixture.domain, now: Date())
        #expect(bindings.count == 1)
        #expect(bindings.first?.sourceHost == "192.0.2.10" && bindings.first?.sourcePort == 5062)
    }

    @Test func wrongPasswordAndUnknownUserBothGet403() async throws {
        let f = try EndpointFixture()
        let challenge = try #require(await exchange(f, EndpointFixture.register(cseq: 1)))
        let wrong = try Self.authorization(for: challenge, password: "nope")
        #expect(await exchange(f, EndpointFixture.register(cseq: 2, authorization: wrong))?.statusCode == 403)
        let ghostChallenge = try #require(await exchange(f, EndpointFixture.register(user: "4711", cseq: 1, callID: "g")))
        #expect(ghostChallenge.statusCode == 401)
        let ghost = try Self.authorization(for: ghostChallenge, user: "4711", password: "x")
        #expect(await exchange(f, EndpointFixture.register(user: "4711", cseq: 2, callID: "g", authorization: ghost))?.statusCode == 403)
    }

    @Test func aUserMayNotRegisterAnotherUsersAddress() async throws {
        let f = try EndpointFixture()
        let challenge = try #require(await exchange(f, EndpointFixture.register(user: "1001", cseq: 1)))
        let asAlice = try Self.authorization(for: challenge, user: "1000", password: "secret")
        #expect(await exchange(f, EndpointFixture.register(user: "1001", cseq: 2, authorization: asAlice))?.statusCode == 403)
    }

    @Test func repeatedFailuresBlockOnlyThatSource() async throws {
        let f = try EndpointFixture(failureLimit: 3)
        let challenge = try #require(await exchange(f, EndpointFixture.register(cseq: 1)))
        let wrong = try Self.authorization(for: challenge, password: "nope")
        for cseq in 2...4 {
            #expect(await exchange(f, EndpointFixture.register(cseq: cseq, authorization: wrong))?.statusCode == 403)
        }
        #expect(await exchange(f, EndpointFixture.register(cseq: 5, authorization: wrong)) == nil)
        let other = SIPPeer(transport: .udp, host: "192.0.2.99", port: 5060)
        #expect(await exchange(f, EndpointFixture.register(cseq: 6, callID: "other"), from: other)?.statusCode == 401)
    }

    @Test func retransmittedRegisterIsAnsweredFromTheTransaction() async throws {
        let f = try EndpointFixture()
        let request = EndpointFixture.register(cseq: 1, branch: "z9hG4bKretrans")
        let first = try #require(await exchange(f, request))
        let again = try #require(await exchange(f, request))
        #expect(first == again)
    }

    @Test func optionsIsAnsweredWithAllow() async throws {
        let f = try EndpointFixture()
        let options = Array(("OPTIONS sip:\(EndpointFixture.domain) SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.5;branch=z9hG4bKo1\r\n"
            + "From: <sip:a@b>;tag=1\r\nTo: <sip:\(EndpointFixture.domain)>\r\nCall-ID: o1\r\nCSeq: 7 OPTIONS\r\n"
            + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n").utf8)
        let response = try #require(await exchange(f, options))
        #expect(response.statusCode == 200)
        #expect(response.headers["Allow"]?.contains("REGISTER") == true)
        #expect(response.headers.to?.tag != nil)
    }

    @Test func malformedRequestGets400AndGarbageIsDropped() async throws {
        let f = try EndpointFixture()
        let bad = Array(("REGISTER sip:\(EndpointFixture.domain) SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.5;branch=z9hG4bKb\r\n"
            + "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: b1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n").utf8)
        #expect(await exchange(f, bad)?.statusCode == 400)
        #expect(await exchange(f, [0x16, 0x03, 0x01, 0x00, 0x10, 0xff, 0xfe]) == nil)
        #expect(await exchange(f, Array("SIP/2.0 200 OK\r\nVia: garbage\r\n\r\n".utf8)) == nil)
    }

    @Test func responsesGoToTheSourceAddressWithRport() async throws {
        let f = try EndpointFixture()
        _ = await exchange(f, EndpointFixture.register(cseq: 1))
        let (bytes, peer) = try #require(f.sink.sent.withLock { $0.last })
        #expect(peer == EndpointFixture.phone)
        guard case .response(let response) = try SIPParser().parse(bytes) else { Issue.record("not a response"); return }
        let via = try #require(response.headers.topVia)
        #expect(via.received == "192.0.2.10")
        #expect(via.rport == .some("5062"))
    }
}
