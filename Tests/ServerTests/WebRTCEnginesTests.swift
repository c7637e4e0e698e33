import DTLS
import DTLSSRTP
import Foundation
import ICE
import Media
import SDP
import SRTP
import STUN
import Testing

@testable import Server

/// The WebRTC leg's engines joined without sockets: a browser's check selects the path, our DTLS client
/// handshakes with a peer DTLS server over it, and SRTP flows both ways with the exported keys.
@Suite("WebRTC transport engines")
struct WebRTCEnginesTests {
    let peer = TransportAddress(ip: IPAddress("127.0.0.1")!, port: 50_000)
    let ours = try! SelfSignedCertificate.generate(commonName: "switchboard.test", validDays: 1)
    let theirs = try! SelfSignedCertificate.generate(commonName: "browser.test", validDays: 1)

    private func negotiated(peerFingerprint: String) -> NegotiatedWebRTC {
        NegotiatedWebRTC(
            remoteICE: SDPICEParameters(ufrag: "peer", pwd: "peerpasswordpeerpassword"),
            remoteFingerprints: [SDPFingerprint(attributeValue: peerFingerprint)!], remoteSetup: .actpass,
            localSetup: .active)
    }

    /// A nominating Binding request from the controlling browser (RFC 8445 §7.1), signed with our password.
    private func check(_ local: ICECredentials) -> [UInt8] {
        let message = STUNMessage(type: .bindingRequest, transactionID: .random(), attributes: [
            .username("\(local.ufrag):peer"), .priority(1_853_824_767), .iceControlling(tieBreaker: 42), .useCandidate,
        ])
        return message.serialize(messageIntegrityKey: Array(local.pwd.utf8), fingerprint: true)
    }

    /// Runs the handshake between `engines` (our client) and `server` until neither has anything to send.
    private func handshake(
        _ engines: inout WebRTCEngines, with server: DTLSAssociation, first: WebRTCOutcome, now: ContinuousClock.Instant
    ) -> (outcomes: [WebRTCOutcome], peerKeys: DTLSSRTPKeys?) {
        var outcomes = [first]
        var toPeer = first.datagrams.filter { PacketClass.classify($0.0) == .dtls }.map(\.0)
        var peerKeys: DTLSSRTPKeys?
        while !toPeer.isEmpty {
            var toUs: [[UInt8]] = []
            for datagram in toPeer {
                for action in server.receive(datagram, now: now) {
                    if case .transmit(let bytes) = action { toUs.append(bytes) }
                    if case .connected(let keys) = action { peerKeys = keys }
                }
            }
            toPeer = []
            for datagram in toUs {
                let outcome = engines.receiveDTLS(datagram, from: peer, now: now)
                outcomes.append(outcome)
                toPeer += outcome.datagrams.map(\.0)
            }
        }
        return (outcomes, peerKeys)
    }

    private func rtp(_ sequence: UInt16) -> [UInt8] {
        [0x80, 0x6F, 0, UInt8(sequence), 0, 0, 0x03, 0x20, 0x11, 0x22, 0x33, 0x44] + (0..<80).map { UInt8($0) }
    }

    @Test func checkSelectsThePathThenDTLSKeysSRTPBothWays() throws {
        let now = ContinuousClock.now
        var engines = WebRTCEngines(origin: now)
        let context = try DTLSContext(certificate: ours)
        #expect(engines.negotiated(negotiated(peerFingerprint: theirs.sdpFingerprint), context: context, now: now).failure == nil)
        let first = engines.receiveSTUN(check(engines.ice.localCredentials), from: peer, now: now)
        #expect(first.events.contains("ICE selected 127.0.0.1:50000"))
        #expect(first.datagrams.first.map { PacketClass.classify($0.0) } == .stun)
        #expect(first.datagrams.contains { PacketClass.classify($0.0) == .dtls && $0.1 == peer })  // ClientHello
        let server = try DTLSAssociation(
            role: .server, certificate: theirs, remoteFingerprints: [DTLSFingerprint(attributeValue: ours.sdpFingerprint)!])
        let (outcomes, peerKeys) = handshake(&engines, with: server, first: first, now: now)
        #expect(outcomes.allSatisfy { $0.failure == nil })
        #expect(outcomes.contains { $0.events.contains { $0.hasPrefix("DTLS-SRTP connected") } })
        let peerSRTP = try SRTPContext(dtlsSRTPKeys: try #require(peerKeys))
        let sent = try #require(engines.protected(rtp(1)))
        #expect(sent.1 == peer)
        #expect(try peerSRTP.unprotect(sent.0) == rtp(1))
        let received = try peerSRTP.protect(rtp(2))
        #expect(engines.unprotect(received, from: peer) == rtp(2))
        let stranger = TransportAddress(ip: IPAddress("127.0.0.1")!, port: 50_001)
        #expect(engines.unprotect(try peerSRTP.protect(rtp(3)), from: stranger) == nil)
    }

    @Test func aPeerCertificateThatIsNotTheSDPFingerprintFailsTheCall() throws {
        let now = ContinuousClock.now
        var engines = WebRTCEngines(origin: now)
        let impostor = try SelfSignedCertificate.generate(commonName: "impostor.test", validDays: 1)
        _ = engines.negotiated(negotiated(peerFingerprint: theirs.sdpFingerprint), context: try DTLSContext(certificate: ours), now: now)
        let first = engines.receiveSTUN(check(engines.ice.localCredentials), from: peer, now: now)
        let server = try DTLSAssociation(
            role: .server, certificate: impostor, remoteFingerprints: [DTLSFingerprint(attributeValue: ours.sdpFingerprint)!])
        let (outcomes, _) = handshake(&engines, with: server, first: first, now: now)
        let failure = try #require(outcomes.compactMap(\.failure).first)
        #expect(failure.cause == .incompatibleDestination)
        #expect(engines.protected(rtp(1)) == nil)
    }

    @Test func noChecksForThirtySecondsIsAMediaTimeout() {
        let start = ContinuousClock.now
        var engines = WebRTCEngines(origin: start)
        #expect(engines.handleTimers(now: start + .seconds(29)).failure == nil)
        #expect(engines.nextWake(after: start + .seconds(29)) <= start + .seconds(30))
        #expect(engines.handleTimers(now: start + .seconds(31)).failure?.cause == .mediaTimeout)
    }

    @Test func aSuspendedTransportSendsNothingKeepsNoConsentClockAndARestartHandshakesWithTheNewPeer() throws {
        let start = ContinuousClock.now
        var engines = WebRTCEngines(origin: start)
        let context = try DTLSContext(certificate: ours)
        _ = engines.negotiated(negotiated(peerFingerprint: theirs.sdpFingerprint), context: context, now: start)
        let first = engines.receiveSTUN(check(engines.ice.localCredentials), from: peer, now: start)
        let server = try DTLSAssociation(
            role: .server, certificate: theirs, remoteFingerprints: [DTLSFingerprint(attributeValue: ours.sdpFingerprint)!])
        _ = handshake(&engines, with: server, first: first, now: start)
        #expect(engines.protected(rtp(1)) != nil)

        engines.suspend()  // the browser's socket dropped: the call waits for a reattach
        let oldCredentials = engines.ice.localCredentials
        #expect(engines.protected(rtp(2)) == nil)
        #expect(engines.receiveSTUN(check(oldCredentials), from: peer, now: start + .seconds(1)).datagrams.isEmpty)
        #expect(engines.handleTimers(now: start + .seconds(119)).failure == nil)

        let later = start + .seconds(119)
        engines.restart(now: later)  // a new page: new credentials, a new handshake
        #expect(engines.ice.localCredentials != oldCredentials)
        #expect(engines.handleTimers(now: later + .seconds(29)).failure == nil)
        let newPeer = try SelfSignedCertificate.generate(commonName: "reloaded.test", validDays: 1)
        _ = engines.negotiated(negotiated(peerFingerprint: newPeer.sdpFingerprint), context: context, now: later)
        let hello = engines.receiveSTUN(check(engines.ice.localCredentials), from: peer, now: later)
        let newServer = try DTLSAssociation(
            role: .server, certificate: newPeer, remoteFingerprints: [DTLSFingerprint(attributeValue: ours.sdpFingerprint)!])
        let (outcomes, keys) = handshake(&engines, with: newServer, first: hello, now: later)
        #expect(outcomes.allSatisfy { $0.failure == nil })
        let peerSRTP = try SRTPContext(dtlsSRTPKeys: try #require(keys))
        let sent = try #require(engines.protected(rtp(3)))
        #expect(try peerSRTP.unprotect(sent.0) == rtp(3))
    }

    @Test func candidatesAreTheBoundAddressAndExtRTPIPAsServerReflexive() {
        let plain = RTPMediaProvider.candidates(bindAddress: "127.0.0.1", advertisedAddress: "127.0.0.1", port: 16384)
        #expect(plain.map(\.attributeValue) == [ICECandidate.host(TransportAddress("127.0.0.1:16384")!).attributeValue])
        let natted = RTPMediaProvider.candidates(bindAddress: "0.0.0.0", advertisedAddress: "203.0.113.5", port: 16384)
        #expect(natted.map(\.type) == [.host])
        #expect(natted.first?.address == "203.0.113.5")
        let both = RTPMediaProvider.candidates(bindAddress: "10.0.0.2", advertisedAddress: "203.0.113.5", port: 16384)
        #expect(both.map(\.type) == [.host, .serverReflexive])
        #expect(both.last?.relatedAddress == "10.0.0.2")
    }

    @Test func opusCarriesAn8kHzToneBothWays() throws {
        var audio = try OpusAudio()
        var decoded: [Int16] = []
        for frame in 0..<50 {
            let tone = (0..<160).map { i in Int16(10_000 * sin(2 * Double.pi * 1000 * Double(frame * 160 + i) / 8000)) }
            for payload in audio.encode(tone) { decoded += audio.decode(payload[...]) }
        }
        #expect(decoded.count >= 48 * 160)
        var at1000 = Goertzel(frequency: 1000, sampleRate: 8000)
        var at440 = Goertzel(frequency: 440, sampleRate: 8000)
        at1000.process(decoded.suffix(4000))
        at440.process(decoded.suffix(4000))
        #expect(at1000.amplitude > 3000 && at1000.amplitude > 20 * at440.amplitude)
    }
}

extension WebRTCEngines {
    /// `protect(_:)` on a copy: the SRTP packet and its destination.
    func protected(_ packet: [UInt8]) -> ([UInt8], TransportAddress)? {
        var packet = packet
        guard let destination = protect(&packet) else { return nil }
        return (packet, destination)
    }
}
