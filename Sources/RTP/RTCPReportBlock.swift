/// A reception report block (RFC 3550 §6.4.1), 24 octets:
///
/// ```
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                 SSRC_1 (SSRC of first source)                 |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | fraction lost |       cumulative number of packets lost       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           extended highest sequence number received           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      interarrival jitter                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         last SR (LSR)                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   delay since last SR (DLSR)                  |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// ```
public struct RTCPReportBlock: Hashable, Sendable {
    public var ssrc: UInt32
    /// Fraction lost since the previous report, as a fixed-point number with the binary point at the left.
    public var fractionLost: UInt8
    /// Cumulative packets lost: a signed 24-bit value (duplicates can make it negative).
    public var cumulativeLost: Int32
    public var extendedHighestSequenceNumber: UInt32
    /// Interarrival jitter in timestamp units (RFC 3550 §6.4.1, A.8).
    public var jitter: UInt32
    /// Middle 32 bits of the NTP timestamp of the last SR received from this source, 0 if none.
    public var lastSenderReport: UInt32
    /// Delay since that SR in units of 1/65536 seconds.
    public var delaySinceLastSenderReport: UInt32

    public static let size = 24

    public init(
        ssrc: UInt32, fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequenceNumber: UInt32,
        jitter: UInt32, lastSenderReport: UInt32 = 0, delaySinceLastSenderReport: UInt32 = 0
    ) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequenceNumber = extendedHighestSequenceNumber
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }

    /// Parses 24 octets starting at `offset` (the caller checks the length).
    init(parsing bytes: ArraySlice<UInt8>, at offset: Int) {
        let lostField = bytes.uint32(at: offset + 4) & 0x00FF_FFFF
        // Sign-extend the 24-bit two's complement value.
        let lost = Int32(bitPattern: lostField & 0x0080_0000 != 0 ? lostField | 0xFF00_0000 : lostField)
        self.init(
            ssrc: bytes.uint32(at: offset), fractionLost: bytes[offset + 4], cumulativeLost: lost,
            extendedHighestSequenceNumber: bytes.uint32(at: offset + 8), jitter: bytes.uint32(at: offset + 12),
            lastSenderReport: bytes.uint32(at: offset + 16), delaySinceLastSenderReport: bytes.uint32(at: offset + 20))
    }

    func serialize(into buffer: inout [UInt8]) {
        buffer.appendUInt32(ssrc)
        let clamped = min(max(cumulativeLost, -0x80_0000), 0x7F_FFFF)
        buffer.appendUInt32(UInt32(fractionLost) << 24 | UInt32(bitPattern: clamped) & 0x00FF_FFFF)
        buffer.appendUInt32(extendedHighestSequenceNumber)
        buffer.appendUInt32(jitter)
        buffer.appendUInt32(lastSenderReport)
        buffer.appendUInt32(delaySinceLastSenderReport)
    }
}
