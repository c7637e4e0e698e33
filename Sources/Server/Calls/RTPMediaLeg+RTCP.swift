import Foundation
import NIOCore
import RTP
import Transport

/// RTCP for the RTP leg (RFC 3550 §6): reception statistics for what the peer sends, a compound report every
/// 5 seconds (SR while we send, else RR, each with an SDES CNAME, §6.1), SRs from the peer remembered for
/// LSR/DLSR, and a BYE when the leg closes. RTCP goes to the peer's `a=rtcp` port (else RTP + 1, RFC 3605), or
/// rides on the RTP port with rtcp-mux; the address latches to where the peer's RTCP comes from.
extension RTPMediaLeg {
    static let reportInterval = TimeAmount.seconds(5)

    /// Starts RTCP once the offer/answer settled: binds port + 1 unless rtcp-mux, schedules the reports.
    func startRTCP(remoteRTCPPort: Int, mux: Bool) {
        let already = state.withLock { s -> Bool in
            defer {
                s.rtcp.remotePort = mux ? nil : remoteRTCPPort
                s.rtcp.mux = mux
            }
            return s.rtcp.reports != nil
        }
        guard !already else { return }
        let task = socket.eventLoop.scheduleRepeatedTask(initialDelay: Self.reportInterval, delay: Self.reportInterval) {
            [weak self] _ in self?.sendReport()
        }
        state.withLock { $0.rtcp.reports = task }
        guard !mux else { return }
        let host = bindHost
        Task { [weak self] in
            guard let self, let plain = self.socket as? RTPSocket, let companion = try? await plain.bindRTCP(host: host)
            else { return }
            companion.onReceive { [weak self] packet, host, port in self?.receivedRTCP(packet, host: host, port: port) }
            let closed = self.state.withLock { s -> Bool in
                if s.closed { return true }
                s.rtcp.socket = companion
                return false
            }
            if closed { companion.close() }
        }
    }

    /// A compound RTCP packet from the peer (on port + 1, or muxed on the RTP port).
    func receivedRTCP(_ packet: [UInt8], host: String, port: Int) {
        guard let packets = try? RTCPPacket.parseCompound(packet) else { return }
        let now = Self.ntpNow()
        state.withLock { s in
            if !s.rtcp.mux { s.rtcp.remoteHost = host; s.rtcp.remotePort = port }
            s.rtcp.received += 1
            for packet in packets {
                switch packet {
                case .senderReport(let report): s.rtcp.statistics.receivedSenderReport(report, arrival: now)
                case .goodbye(let bye): s.rtcp.statistics.receivedGoodbye(bye)
                default: break
                }
            }
        }
    }

    /// Counts a received RTP packet for the reception report (header fields only).
    static func countReceived(_ packet: [UInt8], in s: inout State, arrival: ContinuousClock.Instant) {
        let ssrc = UInt32(packet[8]) << 24 | UInt32(packet[9]) << 16 | UInt32(packet[10]) << 8 | UInt32(packet[11])
        let sequence = UInt16(packet[2]) << 8 | UInt16(packet[3])
        let timestamp = UInt32(packet[4]) << 24 | UInt32(packet[5]) << 16 | UInt32(packet[6]) << 8 | UInt32(packet[7])
        let elapsed = arrival - s.rtcp.epoch
        // Arrival in RTP clock units for the interarrival jitter (RFC 3550 §6.4.1): 48 kHz for Opus.
        let rate: Int64 = s.opus ? 48000 : 8000
        let ticks = elapsed.components.seconds * rate + elapsed.components.attoseconds / 1_000_000_000 * rate / 1_000_000_000
        s.rtcp.statistics.receivedRTP(
            ssrc: ssrc, sequenceNumber: sequence, timestamp: timestamp, arrival: UInt32(truncatingIfNeeded: ticks))
    }

    /// The compound report (SR or RR, then SDES), or with `goodbye` the final RR/SR + SDES + BYE.
    func sendReport(goodbye: Bool = false) {
        let now = Self.ntpNow()
        let (bytes, destination, via) = state.withLock { s -> ([UInt8], (String, Int)?, (any RTPMediaTransport)?) in
            var packets: [RTCPPacket] = []
            if s.rtcp.statistics.sentPackets > s.rtcp.sentAtLastReport {
                packets.append(.senderReport(s.rtcp.statistics.makeSenderReport(now: now, rtpTimestamp: s.timestamp)))
            } else {
                packets.append(.receiverReport(s.rtcp.statistics.makeReceiverReport(now: now)))
            }
            s.rtcp.sentAtLastReport = s.rtcp.statistics.sentPackets
            let cname = RTCPSourceDescription.Chunk(source: ssrc, items: [.init(cname: "switchboard@\(address)")])
            packets.append(.sourceDescription(RTCPSourceDescription(chunks: [cname])))
            if goodbye { packets.append(.goodbye(RTCPGoodbye(sources: [ssrc]))) }
            s.rtcp.sent += 1
            let host = s.rtcp.remoteHost ?? s.remote?.host
            let port = s.rtcp.mux ? s.remote?.port : s.rtcp.remotePort
            let destination = host.flatMap { h in port.map { (h, $0) } }
            return (RTCPPacket.serializeCompound(packets), destination, s.rtcp.mux ? socket : s.rtcp.socket)
        }
        guard let destination, let via else { return }
        via.send(bytes, to: destination.0, port: destination.1)
    }

    /// Ends RTCP: BYE, then the timer and the companion socket go.
    func stopRTCP() {
        let (task, companion, started) = state.withLock { s in (s.rtcp.reports, s.rtcp.socket, s.rtcp.reports != nil) }
        if started { sendReport(goodbye: true) }
        task?.cancel()
        companion?.close()
        state.withLock { s in
            s.rtcp.reports = nil
            s.rtcp.socket = nil
        }
    }

    /// Now as a 64-bit NTP timestamp (seconds since 1900 in 32.32 fixed point).
    static func ntpNow() -> UInt64 {
        let seconds = Date().timeIntervalSince1970 + 2_208_988_800
        let whole = UInt64(seconds)
        return whole << 32 | UInt64((seconds - Double(whole)) * 4_294_967_296)
    }
}

/// The leg's RTCP state, inside `RTPMediaLeg.State`.
struct RTCPState: Sendable {
    var statistics: RTCPStatistics
    var epoch = ContinuousClock.now
    var mux = false
    var remoteHost: String?
    var remotePort: Int?
    var socket: RTPSocket?
    var reports: RepeatedTask?
    var sentAtLastReport: UInt32 = 0
    /// Reports sent and compound packets received, for `show`/tests.
    var sent = 0
    var received = 0

    init(localSSRC: UInt32) {
        statistics = RTCPStatistics(localSSRC: localSSRC)
    }
}
