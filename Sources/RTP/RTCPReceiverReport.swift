/// RTCP receiver report, PT=201 (RFC 3550 §6.4.2).
///
/// ```
/// |V=2|P|    RC   |   PT=RR=201   |             length            |
/// |                     SSRC of packet sender                     |
/// |                 report blocks (24 octets each)                |
/// ```
public struct RTCPReceiverReport: Hashable, Sendable {
    public static let packetType: UInt8 = 201
    public var ssrc: UInt32
    public var reportBlocks: [RTCPReportBlock]

    public init(ssrc: UInt32, reportBlocks: [RTCPReportBlock] = []) {
        self.ssrc = ssrc
        self.reportBlocks = reportBlocks
    }

    init(parsing body: ArraySlice<UInt8>, count: Int) throws(RTPParseError) {
        guard body.count >= 4 + count * RTCPReportBlock.size else { throw .invalidLength }
        let o = body.startIndex
        self.init(
            ssrc: body.uint32(at: o),
            reportBlocks: (0..<count).map { RTCPReportBlock(parsing: body, at: o + 4 + $0 * RTCPReportBlock.size) })
    }

    func serializeBody(into buffer: inout [UInt8]) {
        buffer.appendUInt32(ssrc)
        for block in reportBlocks.prefix(31) { block.serialize(into: &buffer) }
    }
}
