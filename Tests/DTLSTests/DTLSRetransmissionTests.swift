import Foundation
import Testing
import DTLS

/// Retransmission (RFC 6347 §4.2.4) on the injected clock.
///
/// OpenSSL decides whether its timer expired with the system clock (`gettimeofday`) and offers no
/// way to inject another one; the association only controls the timer *durations* (through
/// `DTLS_set_timer_cb`) and mirrors them on the injected clock. So:
/// - the deadlines the association schedules, and what it does before them, are checked with a
///   manual clock and no waiting;
/// - an actual retransmission needs OpenSSL's deadline to pass in real time too. That is isolated in
///   the two `…_waitsRealTime` tests, which set a 150 ms initial timeout (long enough that OpenSSL's
///   timer cannot expire during an in-memory handshake on a loaded machine) and sleep 170 ms.
@Suite struct DTLSRetransmissionTests {
    private func makeLink(initialTimeout: Duration = .seconds(1)) throws -> DTLSTestLink {
        let clientCertificate = try TestCertificates.make("client.test")
        let serverCertificate = try TestCertificates.make("server.test")
        let configuration = DTLSAssociation.Configuration(initialRetransmissionTimeout: initialTimeout)
        return DTLSTestLink(
            client: try DTLSAssociation(
                role: .client, certificate: clientCertificate,
                remoteFingerprints: [TestCertificates.fingerprint(serverCertificate)], configuration: configuration),
            server: try DTLSAssociation(
                role: .server, certificate: serverCertificate,
                remoteFingerprints: [TestCertificates.fingerprint(clientCertificate)], configuration: configuration))
    }

    @Test func clientSchedulesTheInitialTimeoutAndIgnoresEarlyCalls() throws {
        let link = try makeLink()
        let actions = link.client.association.start(now: link.now)
        #expect(actions.count == 2)
        guard case .transmit(let clientHello) = actions.first else { Issue.record("no ClientHello"); return }
        #expect(clientHello[0] == 22)   // handshake record
        #expect(actions.last == .scheduleTimeout(at: link.now + .seconds(1)))

        #expect(link.client.association.handleTimeout(now: link.now + .milliseconds(999)).isEmpty)
        #expect(link.server.association.handleTimeout(now: link.now + .seconds(5)).isEmpty, "no timer runs")
    }

    @Test func injectedClockAheadOfOpenSSLReschedulesWithoutRetransmitting() throws {
        let link = try makeLink()
        _ = link.client.association.start(now: link.now)
        // The manual clock jumps 1 s; OpenSSL's system clock has moved only microseconds.
        let later = link.now + .seconds(1)
        let actions = link.client.association.handleTimeout(now: later)
        #expect(actions.count == 1)
        guard case .scheduleTimeout(let deadline) = actions.first else { Issue.record("\(actions)"); return }
        #expect(deadline > later + .milliseconds(900) && deadline <= later + .seconds(1))
    }

    @Test func timersStopOnceTheHandshakeIsDone() throws {
        let link = try makeLink()
        link.startAndRun()
        #expect(link.client.keys != nil && link.server.keys != nil)
        #expect(link.client.association.handleTimeout(now: link.now + .seconds(120)).isEmpty)
        #expect(link.server.association.handleTimeout(now: link.now + .seconds(120)).isEmpty)
    }

    @Test func droppedFlightIsRetransmittedAfterRealTimerExpiry_waitsRealTime() async throws {
        var link = try makeLink(initialTimeout: .milliseconds(150))
        link.drop = { sender, index in sender === link.client && index == 0 }   // lose the first ClientHello
        link.apply(link.server.association.start(now: link.now), from: link.server)
        link.apply(link.client.association.start(now: link.now), from: link.client)
        link.deliverAll()
        #expect(link.client.sent.count == 1 && link.server.sent.isEmpty)
        #expect(link.client.deadline == link.now + .milliseconds(150))

        try await Task.sleep(for: .milliseconds(170))   // OpenSSL's own deadline passes in real time
        link.now += .milliseconds(170)
        let actions = link.client.association.handleTimeout(now: link.now)
        link.apply(actions, from: link.client)
        #expect(link.client.sent.count == 2, "ClientHello retransmitted")
        // The backoff doubles: 150 ms → 300 ms (RFC 6347 §4.2.4.1).
        #expect(actions.last == .scheduleTimeout(at: link.now + .milliseconds(300)))
        // Same handshake message, new record sequence number (octets 5...10 of the record header).
        #expect(link.client.sent[1][13...] == link.client.sent[0][13...])
        #expect(link.client.sent[1][5..<11] != link.client.sent[0][5..<11])

        link.deliverAll()
        #expect(link.client.keys != nil && link.server.keys != nil)
    }

    /// The server's last flight (ChangeCipherSpec, Finished) is lost after the server finished: the
    /// client retransmits its flight, and the connected server answers it with its last flight again
    /// (RFC 6347 §4.2.4). Also waits real time, for the same reason as the test above.
    @Test func lostFinalFlightIsRecoveredByTheConnectedServer_waitsRealTime() async throws {
        var link = try makeLink(initialTimeout: .milliseconds(150))
        var dropped = 0
        link.drop = { sender, _ in
            guard sender === link.server, link.server.association.state == .connected, dropped == 0 else { return false }
            dropped += 1
            return true
        }
        link.startAndRun()
        #expect(dropped == 1)
        #expect(link.server.keys != nil)
        #expect(link.client.keys == nil && link.client.association.state == .handshaking)
        link.drop = { _, _ in false }

        try await Task.sleep(for: .milliseconds(170))
        link.now += .milliseconds(170)
        link.apply(link.client.association.handleTimeout(now: link.now), from: link.client)
        link.deliverAll()
        #expect(link.client.keys != nil)
        #expect(link.client.keys?.localMasterKey == link.server.keys?.remoteMasterKey)
    }
}
