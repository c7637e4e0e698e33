import Testing
import DTLS

/// Hostile or broken datagrams must never trap, and must not disturb a healthy association more than
/// the protocol requires (malformed records are dropped silently, RFC 6347 §4.1.2.7).
@Suite struct DTLSGarbageInputTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    private struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func garbage(count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SplitMix64(state: seed)
        return (0..<count).map { index in
            let length = Int.random(in: 0...1500, using: &random)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            // Make half of them look like DTLS 1.2 handshake records so they get past the demux check.
            if index.isMultiple(of: 2), bytes.count >= 13 { bytes[0] = 22; bytes[1] = 0xFE; bytes[2] = 0xFD }
            return bytes
        }
    }

    private func makeLink() throws -> DTLSTestLink {
        let a = try TestCertificates.make("a.test"), b = try TestCertificates.make("b.test")
        return DTLSTestLink(
            client: try DTLSAssociation(role: .client, certificate: a, remoteFingerprints: [TestCertificates.fingerprint(b)]),
            server: try DTLSAssociation(role: .server, certificate: b, remoteFingerprints: [TestCertificates.fingerprint(a)]))
    }

    @Test func randomDatagramsBeforeDuringAndAfterTheHandshake() throws {
        let link = try makeLink()
        for datagram in garbage(count: 300, seed: 1) {
            _ = link.server.association.receive(datagram, now: link.now)   // an idle server
        }
        link.apply(link.client.association.start(now: link.now), from: link.client)
        for datagram in garbage(count: 300, seed: 2) {
            _ = link.client.association.receive(datagram, now: link.now)   // a handshaking client
        }
        link.deliverAll()
        #expect(link.client.keys != nil && link.server.keys != nil, "garbage was dropped, not fatal")
        for datagram in garbage(count: 300, seed: 3) {
            _ = link.client.association.receive(datagram, now: link.now)
            _ = link.server.association.receive(datagram, now: link.now)
        }
        #expect(link.client.association.state == .connected)
        #expect(link.server.association.state == .connected)
    }

    @Test func oversizedAndTinyDatagramsAreDroppedUnread() throws {
        let link = try makeLink()
        link.apply(link.client.association.start(now: link.now), from: link.client)
        let clientHello = link.server.inbox[0]
        #expect(link.server.association.receive([], now: link.now).isEmpty)
        #expect(link.server.association.receive([22], now: link.now).isEmpty)
        #expect(link.server.association.receive(clientHello + [UInt8](repeating: 0, count: 20_000), now: link.now).isEmpty)
        #expect(link.server.association.state == .idle)
        #expect(link.server.association.receive([0x80] + clientHello.dropFirst(), now: link.now).isEmpty, "RTP range")
        link.deliverAll()
        #expect(link.client.keys != nil && link.server.keys != nil)
    }

    @Test func mutatedHandshakeRecordsNeverTrap() throws {
        var random = SplitMix64(state: 42)
        for _ in 0..<40 {
            let link = try makeLink()
            link.apply(link.client.association.start(now: link.now), from: link.client)
            var clientHello = link.server.inbox.removeFirst()
            for _ in 0..<4 {
                let index = Int.random(in: 13..<clientHello.count, using: &random)
                clientHello[index] ^= UInt8.random(in: 1...255, using: &random)
            }
            if Bool.random(using: &random) { clientHello.removeLast(Int.random(in: 1...40, using: &random)) }
            link.apply(link.server.association.receive(clientHello, now: link.now), from: link.server)
            link.deliverAll()
            let state = link.server.association.state
            #expect(state == .idle || state == .handshaking || state == .failed || state == .connected)
            if let failure = link.server.failure { #expect(failure.kind == .handshake && !failure.reason.isEmpty) }
        }
    }
}
