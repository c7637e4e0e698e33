/// An RTP data packet (RFC 3550 §5.1).
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            contributing source (CSRC) identifiers             |
/// |                             ....                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// Parsing does not copy: ``payload`` and the extension data are slices of the input array.
public struct RTPPacket: Hashable, Sendable {
    public static let version: UInt8 = 2
    public var marker: Bool
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    /// Contributing sources, at most 15 (the CC field is 4 bits).
    public var csrcs: [UInt32]
    public var headerExtension: RTPHeaderExtension?
    public var payload: ArraySlice<UInt8>
    /// Number of padding octets including the count octet; `0` means the P bit is clear.
    public var paddingLength: UInt8

    public init(
        marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
        csrcs: [UInt32] = [], headerExtension: RTPHeaderExtension? = nil, payload: ArraySlice<UInt8>,
        paddingLength: UInt8 = 0
    ) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.headerExtension = headerExtension
        self.payload = payload
        self.paddingLength = paddingLength
    }

    /// Parses one RTP packet from a datagram.
    public init(parsing bytes: ArraySlice<UInt8>) throws(RTPParseError) {
        guard bytes.count >= 12 else { throw .truncated }
        let base = bytes.startIndex
        let first = bytes[base]
        guard first >> 6 == Self.version else { throw .unsupportedVersion }
        let csrcCount = Int(first & 0x0F)
        var offset = base + 12
        guard bytes.endIndex - offset >= csrcCount * 4 else { throw .truncated }
        var csrcs: [UInt32] = []
        csrcs.reserveCapacity(csrcCount)
        for _ in 0..<csrcCount {
            csrcs.append(bytes.uint32(at: offset))
            offset += 4
        }
        var headerExtension: RTPHeaderExtension?
        if first & 0x10 != 0 {
            guard bytes.endIndex - offset >= 4 else { throw .truncated }
            let length = Int(bytes.uint16(at: offset + 2)) * 4
            guard bytes.endIndex - offset - 4 >= length else { throw .truncated }
            headerExtension = RTPHeaderExtension(
                profile: bytes.uint16(at: offset), data: bytes[(offset + 4)..<(offset + 4 + length)])
            offset += 4 + length
        }
        var end = bytes.endIndex
        var padding: UInt8 = 0
        if first & 0x20 != 0 {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
            guard end > offset, let count = bytes.last, count > 0, Int(count) <= end - offset else {
                throw .invalidPadding
            }
            padding = count
            end -= Int(count)
        }
        self.init(
            marker: bytes[base + 1] & 0x80 != 0, payloadType: bytes[base + 1] & 0x7F,
            sequenceNumber: bytes.uint16(at: base + 2), timestamp: bytes.uint32(at: base + 4),
            ssrc: bytes.uint32(at: base + 8), csrcs: csrcs, headerExtension: headerExtension,
            payload: bytes[offset..<end], paddingLength: padding)
    }

    /// Parses one RTP packet from a datagram.
    public init(parsing bytes: [UInt8]) throws(RTPParseError) {
        try self.init(parsing: bytes[...])
    }

    /// Octets ``serialize(into:)`` appends.
    public var serializedSize: Int {
        12 + min(csrcs.count, 15) * 4 + (headerExtension.map { 4 + $0.data.count } ?? 0) + payload.count
            + Int(paddingLength)
    }

    /// Appends the wire form. At most 15 CSRCs are written.
    public func serialize(into buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + serializedSize)
        let csrcList = csrcs.prefix(15)
        var first = Self.version << 6 | UInt8(csrcList.count)
        if paddingLength > 0 { first |= 0x20 }
        if headerExtension != nil { first |= 0x10 }
        buffer.append(first)
        buffer.append((marker ? 0x80 : 0) | (payloadType & 0x7F))
        buffer.appendUInt16(sequenceNumber)
        buffer.appendUInt32(timestamp)
        buffer.appendUInt32(ssrc)
        for csrc in csrcList { buffer.appendUInt32(csrc) }
        if let headerExtension {
            buffer.appendUInt16(headerExtension.profile)
            buffer.appendUInt16(UInt16(truncatingIfNeeded: headerExtension.data.count / 4))
            buffer.append(contentsOf: headerExtension.data)
        }
        buffer.append(contentsOf: payload)
        if paddingLength > 0 {
            buffer.append(contentsOf: repeatElement(0, count: Int(paddingLength) - 1))
            buffer.append(paddingLength)
        }
    }

    /// The wire form as a new array.
    /// The packet's octets, with 16 octets of spare capacity: room for an SRTP tag (RFC 3711 §3.1), so that a
    /// WebRTC leg protects the packet in place.
    public func serialize() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(serializedSize + 16)
        serialize(into: &buffer)
        return buffer
    }
}
