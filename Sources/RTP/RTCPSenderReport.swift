/// RTCP sender report, PT=200 (RFC 3550 §6.4.1).
///
/// ```
/// |V=2|P|    RC   |   PT=SR=200   |             length            |
/// |                         SSRC of sender                        |
/// |              NTP timestamp, most significant word             |
/// |             NTP timestamp, least significant word             |
/// |                         RTP timestamp                         |
/// |                     sender's packet count                     |
/// |                      sender's octet count                     |
/// |                 report blocks (24 octets each)                |
/// ```
public struct RTCPSenderReport: Hashable, Sendable {
    public static let packetType: UInt8 = 200
    public var ssrc: UInt32
    /// 64-bit NTP timestamp (32.32 fixed point seconds since 1900).
    public var ntpTimestamp: UInt64
    public var rtpTimestamp: UInt32
    public var packetCount: UInt32
    public var octetCount: UInt32
    public var reportBlocks: [RTCPReportBlock]

    public init(
        ssrc: UInt32, ntpTimestamp: UInt64, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32,
        reportBlocks: [RTCPReportBlock] = []
    ) {
        self.ssrc = ssrc
        self.ntpTimestamp = ntpTimestamp
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.reportBlocks = reportBlocks
    }

    /// The middle 32 bits of the NTP timestamp, echoed as LSR in report blocks (§6.4.1).
    public var compactNTPTimestamp: UInt32 { UInt32(truncatingIfNeeded: ntpTimestamp >> 16) }

    /// `body` is the packet after the 4-octet common header; `count` is the RC field.
    init(parsing body: ArraySlice<UInt8>, count: Int) throws(RTPParseError) {
        guard body.count >= 24 + count * RTCPReportBlock.size else { throw .invalidLength }
        let o = body.startIndex
        let ntp = UInt64(body.uint32(at: o + 4)) << 32 | UInt64(body.uint32(at: o + 8))
        let blocks = (0..<count).map { RTCPReportBlock(parsing: body, at: o + 24 + $0 * RTCPReportBlock.size) }
        self.init(
            ssrc: body.uint32(at: o), ntpTimestamp: ntp, rtpTimestamp: body.uint32(at: o + 12),
            packetCount: body.uint32(at: o + 16), octetCount: body.uint32(at: o + 20), reportBlocks: blocks)
    }

    func serializeBody(into buffer: inout [UInt8]) {
        buffer.appendUInt32(ssrc)
        buffer.appendUInt32(UInt32(truncatingIfNeeded: ntpTimestamp >> 32))
        buffer.appendUInt32(UInt32(truncatingIfNeeded: ntpTimestamp))
        buffer.appendUInt32(rtpTimestamp)
        buffer.appendUInt32(packetCount)
        buffer.appendUInt32(octetCount)
        for block in reportBlocks.prefix(31) { block.serialize(into: &buffer) }
    }
}
