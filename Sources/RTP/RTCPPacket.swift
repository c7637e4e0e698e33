/// One RTCP packet of a compound datagram (RFC 3550 §6.4–6.6).
///
/// Common header:
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|  count  |      PT       |  length (32-bit words − 1)    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public enum RTCPPacket: Hashable, Sendable {
    case senderReport(RTCPSenderReport)
    case receiverReport(RTCPReceiverReport)
    case sourceDescription(RTCPSourceDescription)
    case goodbye(RTCPGoodbye)
    /// APP, RTPFB, PSFB, XR, … kept opaque: the count field and the body after the common header.
    case other(packetType: UInt8, count: UInt8, body: ArraySlice<UInt8>)

    /// Parses every packet of a compound RTCP datagram (RFC 3550 §6.1, validity checks of A.2
    /// except the "first packet is SR/RR" rule, which reduced-size RTCP (RFC 5506) relaxes).
    public static func parseCompound(_ bytes: ArraySlice<UInt8>) throws(RTPParseError) -> [RTCPPacket] {
        var packets: [RTCPPacket] = []
        var offset = bytes.startIndex
        guard bytes.count >= 4 else { throw .truncated }
        while offset < bytes.endIndex {
            guard bytes.endIndex - offset >= 4 else { throw .invalidLength }
            let first = bytes[offset]
            guard first >> 6 == 2 else { throw .unsupportedVersion }
            let length = (Int(bytes.uint16(at: offset + 2)) + 1) * 4
            guard bytes.endIndex - offset >= length else { throw .invalidLength }
            var end = offset + length
            if first & 0x20 != 0 {
                let padding = Int(bytes[end - 1])
                guard padding > 0, padding <= length - 4 else { throw .invalidPadding }
                end -= padding
            }
            let body = bytes[(offset + 4)..<end]
            packets.append(try parse(type: bytes[offset + 1], count: Int(first & 0x1F), body: body))
            offset += length
        }
        return packets
    }

    /// Parses every packet of a compound RTCP datagram.
    public static func parseCompound(_ bytes: [UInt8]) throws(RTPParseError) -> [RTCPPacket] {
        try parseCompound(bytes[...])
    }

    private static func parse(type: UInt8, count: Int, body: ArraySlice<UInt8>) throws(RTPParseError) -> RTCPPacket {
        switch type {
        case RTCPSenderReport.packetType: .senderReport(try RTCPSenderReport(parsing: body, count: count))
        case RTCPReceiverReport.packetType: .receiverReport(try RTCPReceiverReport(parsing: body, count: count))
        case RTCPSourceDescription.packetType:
            .sourceDescription(try RTCPSourceDescription(parsing: body, count: count))
        case RTCPGoodbye.packetType: .goodbye(try RTCPGoodbye(parsing: body, count: count))
        default: .other(packetType: type, count: UInt8(count), body: body)
        }
    }

    /// Appends this packet with its common header; bodies are already 32-bit aligned.
    public func serialize(into buffer: inout [UInt8]) {
        let headerStart = buffer.count
        buffer.append(contentsOf: [0, 0, 0, 0])
        let (type, count): (UInt8, Int)
        switch self {
        case .senderReport(let sr):
            sr.serializeBody(into: &buffer)
            (type, count) = (RTCPSenderReport.packetType, min(sr.reportBlocks.count, 31))
        case .receiverReport(let rr):
            rr.serializeBody(into: &buffer)
            (type, count) = (RTCPReceiverReport.packetType, min(rr.reportBlocks.count, 31))
        case .sourceDescription(let sdes):
            sdes.serializeBody(into: &buffer)
            (type, count) = (RTCPSourceDescription.packetType, min(sdes.chunks.count, 31))
        case .goodbye(let bye):
            bye.serializeBody(into: &buffer)
            (type, count) = (RTCPGoodbye.packetType, min(bye.sources.count, 31))
        case .other(let packetType, let c, let body):
            buffer.append(contentsOf: body)
            while (buffer.count - headerStart) % 4 != 0 { buffer.append(0) }
            (type, count) = (packetType, Int(c & 0x1F))
        }
        let words = (buffer.count - headerStart) / 4 - 1
        buffer[headerStart] = 2 << 6 | UInt8(count)
        buffer[headerStart + 1] = type
        buffer[headerStart + 2] = UInt8(truncatingIfNeeded: words >> 8)
        buffer[headerStart + 3] = UInt8(truncatingIfNeeded: words)
    }

    /// Serializes a compound packet (RFC 3550 §6.1: SR/RR first, then SDES with CNAME, BYE last).
    public static func serializeCompound(_ packets: [RTCPPacket]) -> [UInt8] {
        var buffer: [UInt8] = []
        for packet in packets { packet.serialize(into: &buffer) }
        return buffer
    }
}
