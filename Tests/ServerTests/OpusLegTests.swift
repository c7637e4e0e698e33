import Foundation
import Media
import NIOCore
import NIOPosix
import RTP
import SDP
import SwitchCore
import Synchronization
import Testing
import ICE
import Transport

@testable import Server

/// An `RTPMediaTransport` that keeps what the leg sends, to test the leg's Opus path without sockets.
final class CapturingTransport: RTPMediaTransport {
    let sent = Mutex<[[UInt8]]>([])
    let localPort = 40_000
    let eventLoop: EventLoop = MultiThreadedEventLoopGroup.singleton.next()
    func onReceive(_ handler: @escaping RTPSocket.ReceiveHandler) {}
    func send(_ packet: [UInt8], to host: String, port: Int) { sent.withLock { $0.append(packet) } }
    func close() {}
    func negotiated(_ media: NegotiatedMedia) {}
    func sdpTransport(ssrc: UInt32) -> SDPWebRTCTransport? { nil }
    func onFailure(_ handler: @escaping @Sendable (HangupCause) -> Void) {}
    func suspend() {}
    func restart() {}
    func offered(_ remoteICE: ICECredentials) {}

    /// The RTP packets sent (RTCP left out).
    var rtp: [RTPPacket] {
        sent.withLock { $0 }.filter { !(200...204).contains($0[1]) }.compactMap { try? RTPPacket(parsing: $0) }
    }
}

@Suite("RTP leg with Opus (WebRTC)")
struct OpusLegTests {
    private func leg() -> (RTPMediaLeg, CapturingTransport) {
        let transport = CapturingTransport()
        let leg = RTPMediaLeg(
            socket: transport, address: "127.0.0.1", bindHost: "127.0.0.1", soundsDirectory: "/nonexistent",
            recordingsDirectory: "/tmp")
        leg.start(NegotiatedMedia(
            remoteAddress: "127.0.0.1", remotePort: 50_000, remoteRTCPPort: 50_000, rtcpMux: true, payloadType: 111,
            encodingName: "opus", clockRate: 48000, channels: "2", telephoneEventPayloadType: 126, ptime: 20,
            direction: .sendrecv, isRemoteHold: false, proto: "UDP/TLS/RTP/SAVPF", telephoneEventClockRate: 48000))
        return (leg, transport)
    }

    @Test func playbackFramesGoOutAsOpusWithTheFortyEightKilohertzStep() {
        let (leg, transport) = leg()
        defer { leg.close() }
        for n in 0..<5 { leg.sendFrame([Int16](repeating: Int16(n * 100), count: 160), first: n == 0) }
        let packets = transport.rtp
        #expect(packets.count == 5)
        #expect(packets.allSatisfy { $0.payloadType == 111 && $0.ssrc == leg.ssrc && !$0.payload.isEmpty })
        #expect(zip(packets, packets.dropFirst()).allSatisfy { $1.timestamp &- $0.timestamp == 960 })
        #expect(packets.first?.marker == true)
    }

    @Test func dtmfNextToOpusCountsInTheEventsFortyEightKilohertzClock() async throws {
        let (leg, transport) = leg()
        defer { leg.close() }
        #expect(try await leg.sendDTMF("5", duration: .milliseconds(100)))
        let events = transport.rtp.filter { $0.payloadType == 126 }
        let durations = events.compactMap { try? TelephoneEvent(parsing: $0.payload).duration }
        #expect(durations.first == 960)  // the first update after 20 ms
        #expect(durations.last == 4800)  // 100 ms at 48 kHz
        #expect(events.count == 5 + 2)  // 20, 40, 60, 80 ms, then the end packet three times
    }
}

@Suite("Opus ↔ G.711 relay")
struct TranscodingRelayTests {
    private func leg(opus: Bool) -> (RTPMediaLeg, CapturingTransport) {
        let transport = CapturingTransport()
        let leg = RTPMediaLeg(
            socket: transport, address: "127.0.0.1", bindHost: "127.0.0.1", soundsDirectory: "/nonexistent",
            recordingsDirectory: "/tmp")
        leg.start(NegotiatedMedia(
            remoteAddress: "127.0.0.1", remotePort: 50_000, remoteRTCPPort: 50_000, rtcpMux: true,
            payloadType: opus ? 111 : 0, encodingName: opus ? "opus" : "PCMU", clockRate: opus ? 48000 : 8000,
            telephoneEventPayloadType: opus ? 126 : 101, ptime: 20, direction: .sendrecv, isRemoteHold: false,
            telephoneEventClockRate: opus ? 48000 : 8000))
        return (leg, transport)
    }

    private func packet(pt: UInt8, sequence: UInt16, timestamp: UInt32, payload: [UInt8]) -> [UInt8] {
        RTPPacket(payloadType: pt, sequenceNumber: sequence, timestamp: timestamp, ssrc: 7, payload: payload[...])
            .serialize()
    }

    @Test func g711AudioBecomesOpusAndEventsTakeTheFortyEightKilohertzDuration() {
        let (opusLeg, transport) = leg(opus: true)
        defer { opusLeg.close() }
        let source = RTPMediaLeg.PayloadFormat(payloadType: 0, aLaw: false, telephoneEventPayloadType: 101)
        for n in 0..<3 {
            let audio = (0..<160).map { G711MuLaw.encode(Int16(8000 * sin(Double(n * 160 + $0) / 8))) }
            opusLeg.forward(packet(pt: 0, sequence: UInt16(n), timestamp: UInt32(n * 160), payload: audio), from: source)
        }
        var event: [UInt8] = []
        TelephoneEvent(event: 5, isEnd: true, volume: 10, duration: 800).serialize(into: &event)
        opusLeg.forward(packet(pt: 101, sequence: 3, timestamp: 480, payload: event), from: source)
        let sent = transport.rtp
        let audio = sent.filter { $0.payloadType == 111 }
        #expect(audio.count == 3)
        #expect(zip(audio, audio.dropFirst()).allSatisfy { $1.timestamp &- $0.timestamp == 960 })
        let events = sent.filter { $0.payloadType == 126 }.compactMap { try? TelephoneEvent(parsing: $0.payload) }
        #expect(events.map(\.duration) == [4800])
    }

    @Test func opusEventsGoToTheG711LegInEightKilohertzUnits() {
        let (g711Leg, transport) = leg(opus: false)
        defer { g711Leg.close() }
        let source = RTPMediaLeg.PayloadFormat(
            payloadType: 111, aLaw: false, telephoneEventPayloadType: 126, opus: true, telephoneEventClockRate: 48000)
        var event: [UInt8] = []
        TelephoneEvent(event: 1, isEnd: false, volume: 10, duration: 960).serialize(into: &event)
        g711Leg.forward(packet(pt: 126, sequence: 1, timestamp: 96_000, payload: event), from: source)
        let events = transport.rtp.filter { $0.payloadType == 101 }.compactMap { try? TelephoneEvent(parsing: $0.payload) }
        #expect(events.map(\.duration) == [160])
    }
}
