/// Sans-IO RTCP bookkeeping for one RTP session (RFC 3550 §6.4): per-source reception statistics,
/// what we sent, and last-SR timing, turned into SR/RR packets on demand.
///
/// Time inputs: RTP arrivals in each stream's timestamp units (for A.8 jitter) and wall-clock
/// instants as 64-bit NTP timestamps (for LSR/DLSR, §6.4.1).
public struct RTCPStatistics: Sendable {
    public let localSSRC: UInt32
    public private(set) var sources: [UInt32: RTPSourceStatistics] = [:]
    /// Packets and payload octets we sent (§6.4.1 sender's packet/octet count).
    public private(set) var sentPackets: UInt32 = 0
    public private(set) var sentOctets: UInt32 = 0
    private var lastSenderReports: [UInt32: (compact: UInt32, arrival: UInt64)] = [:]

    public init(localSSRC: UInt32) {
        self.localSSRC = localSSRC
    }

    /// Feeds a received RTP packet; returns whether it was valid per A.1.
    @discardableResult
    public mutating func receivedRTP(_ packet: RTPPacket, arrival: UInt32) -> Bool {
        if sources[packet.ssrc] == nil {
            sources[packet.ssrc] = RTPSourceStatistics(ssrc: packet.ssrc, firstSequenceNumber: packet.sequenceNumber)
        }
        return sources[packet.ssrc]!.received(
            sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp, arrival: arrival)
    }

    /// Feeds a received RTP packet by its header fields (no parse needed on the media path).
    @discardableResult
    public mutating func receivedRTP(ssrc: UInt32, sequenceNumber: UInt16, timestamp: UInt32, arrival: UInt32) -> Bool {
        if sources[ssrc] == nil {
            sources[ssrc] = RTPSourceStatistics(ssrc: ssrc, firstSequenceNumber: sequenceNumber)
        }
        return sources[ssrc]!.received(sequenceNumber: sequenceNumber, timestamp: timestamp, arrival: arrival)
    }

    /// Records that we sent a packet with `payloadOctets` octets of payload.
    public mutating func sentRTP(payloadOctets: Int) {
        sentPackets &+= 1
        sentOctets &+= UInt32(truncatingIfNeeded: payloadOctets)
    }

    /// Records that we sent `packet` (counts only the payload octets, §6.4.1).
    public mutating func sentRTP(_ packet: RTPPacket) {
        sentPackets &+= 1
        sentOctets &+= UInt32(truncatingIfNeeded: packet.payload.count)
    }

    /// Records the arrival of an SR so that our next report carries LSR/DLSR (§6.4.1).
    public mutating func receivedSenderReport(_ report: RTCPSenderReport, arrival: UInt64) {
        lastSenderReports[report.ssrc] = (report.compactNTPTimestamp, arrival)
    }

    /// A BYE removes the listed sources (§6.6).
    public mutating func receivedGoodbye(_ goodbye: RTCPGoodbye) {
        for ssrc in goodbye.sources {
            sources[ssrc] = nil
            lastSenderReports[ssrc] = nil
        }
    }

    /// Report blocks for every valid source, ordered by SSRC, at most 31 (§6.4). Advances the A.3
    /// loss interval.
    public mutating func makeReportBlocks(now: UInt64) -> [RTCPReportBlock] {
        var blocks: [RTCPReportBlock] = []
        for ssrc in sources.keys.sorted() where sources[ssrc]!.probation == 0 {
            let fraction = sources[ssrc]!.takeFractionLost()
            let source = sources[ssrc]!
            var block = RTCPReportBlock(
                ssrc: ssrc, fractionLost: fraction, cumulativeLost: source.cumulativeLost,
                extendedHighestSequenceNumber: source.extendedHighestSequenceNumber, jitter: source.jitter)
            if let sr = lastSenderReports[ssrc] {
                block.lastSenderReport = sr.compact
                // DLSR is in units of 1/65536 s: the middle 32 bits of the NTP difference.
                block.delaySinceLastSenderReport = UInt32(truncatingIfNeeded: (now &- sr.arrival) >> 16)
            }
            blocks.append(block)
            if blocks.count == 31 { break }
        }
        return blocks
    }

    /// A receiver report (§6.4.2) about every valid source.
    public mutating func makeReceiverReport(now: UInt64) -> RTCPReceiverReport {
        RTCPReceiverReport(ssrc: localSSRC, reportBlocks: makeReportBlocks(now: now))
    }

    /// A sender report (§6.4.1); `rtpTimestamp` is the media clock corresponding to `now`.
    public mutating func makeSenderReport(now: UInt64, rtpTimestamp: UInt32) -> RTCPSenderReport {
        RTCPSenderReport(
            ssrc: localSSRC, ntpTimestamp: now, rtpTimestamp: rtpTimestamp, packetCount: sentPackets,
            octetCount: sentOctets, reportBlocks: makeReportBlocks(now: now))
    }
}
