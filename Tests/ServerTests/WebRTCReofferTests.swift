import DTLS
import Logging
import NIOPosix
import SDP
import SIPEndpoint
import Testing
import Transport

@testable import Server

/// A WebRTC leg answering re-offers: an ICE restart (new `ice-ufrag`/`ice-pwd`, RFC 8445 §9) is answered with new
/// credentials of ours; a re-offer with the same credentials (hold, codec change) keeps them.
@Suite("WebRTC re-offers")
struct WebRTCReofferTests {
    private func provider() throws -> RTPMediaProvider {
        let certificate = try SelfSignedCertificate.generate(commonName: "switchboard.test", validDays: 1)
        return RTPMediaProvider(
            group: MultiThreadedEventLoopGroup.singleton, bindAddress: "127.0.0.1", advertisedAddress: "127.0.0.1",
            pool: RTPPortPool(range: 47_000...47_999), soundsDirectory: "/nonexistent", recordingsDirectory: "/tmp",
            webRTC: try WebRTCLegSettings(certificate: certificate, logger: Logger(label: "test")))
    }

    private func offer(ufrag: String, pwd: String) throws -> SessionDescription {
        try SessionDescription(parsing: """
            v=0\r
            o=- 1 2 IN IP4 127.0.0.1\r
            s=-\r
            t=0 0\r
            a=group:BUNDLE 0\r
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r
            c=IN IP4 0.0.0.0\r
            a=mid:0\r
            a=ice-ufrag:\(ufrag)\r
            a=ice-pwd:\(pwd)\r
            a=fingerprint:sha-256 \(Array(repeating: "AB", count: 32).joined(separator: ":"))\r
            a=setup:actpass\r
            a=rtcp-mux\r
            a=rtpmap:111 opus/48000/2\r
            a=sendrecv\r

            """)
    }

    @Test func anICERestartIsAnsweredWithNewCredentialsAndAPlainReofferKeepsThem() async throws {
        let leg = try #require(try await provider().openWebRTCLeg(uuid: "leg-1") as? RTPMediaLeg)
        defer { leg.close() }
        let first = try offer(ufrag: "aaaa", pwd: "aaaaaaaaaaaaaaaaaaaaaaaa")
        let initial = try #require(leg.webRTCTransport(answering: first))
        var negotiator = SDPNegotiator(configuration: .init(localAddress: "127.0.0.1", sessionID: "1"))
        let answer = try negotiator.answer(toOffer: first, localPort: UInt16(leg.port), webRTC: initial)
        leg.start(answer.media)

        let same = try #require(leg.webRTCTransport(answering: try offer(ufrag: "aaaa", pwd: "aaaaaaaaaaaaaaaaaaaaaaaa")))
        #expect(same.iceUfrag == initial.iceUfrag && same.icePwd == initial.icePwd)

        let restarted = try #require(leg.webRTCTransport(answering: try offer(ufrag: "bbbb", pwd: "bbbbbbbbbbbbbbbbbbbbbbbb")))
        #expect(restarted.iceUfrag != initial.iceUfrag)
        #expect(restarted.icePwd != initial.icePwd)
        #expect(leg.webRTCTransport?.iceUfrag == restarted.iceUfrag)
    }
}
