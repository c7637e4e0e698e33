/// Rewrites RTP headers when relaying between call legs without decoding, so the far end sees
/// one continuous stream (RFC 3550 §5.1, §8.2 — a translator that changes sources must keep
/// sequence numbers and timestamps monotonic for the receiver).
///
/// Every output packet gets ``ssrc``. While the input source stays the same, sequence numbers and
/// timestamps are shifted by fixed offsets (so gaps and reordering pass through unchanged). When
/// the input SSRC changes (transfer, re-INVITE to another media server, music on hold), new
/// offsets make the next output sequence number follow the last one and the timestamp advance by
/// the wall-clock time elapsed, and the marker bit is set to flag the discontinuity.
public struct RTPSequencer: Hashable, Sendable {
    public let ssrc: UInt32
    private var inputSSRC: UInt32?
    private var sequenceOffset: UInt16 = 0
    private var timestampOffset: UInt32 = 0
    private var lastSequence: UInt16
    private var lastTimestamp: UInt32
    private var lastArrival: UInt32?

    /// - Parameters:
    ///   - initialSequenceNumber: the sequence number of the first output packet.
    ///   - initialTimestamp: the timestamp of the first output packet.
    public init(ssrc: UInt32, initialSequenceNumber: UInt16, initialTimestamp: UInt32) {
        self.ssrc = ssrc
        self.lastSequence = initialSequenceNumber &- 1
        self.lastTimestamp = initialTimestamp
    }

    /// Rewrites one packet. `arrival` is the current time in the stream's timestamp units; it is
    /// only used to size the timestamp jump at a source change.
    public mutating func rewrite(_ packet: RTPPacket, arrival: UInt32) -> RTPPacket {
        var out = packet
        if inputSSRC != packet.ssrc {
            let isFirst = inputSSRC == nil
            let elapsed = lastArrival.map { max(arrival &- $0, 1) } ?? 0
            let nextTimestamp = isFirst ? lastTimestamp : lastTimestamp &+ elapsed
            sequenceOffset = (lastSequence &+ 1) &- packet.sequenceNumber
            timestampOffset = nextTimestamp &- packet.timestamp
            inputSSRC = packet.ssrc
            out.marker = true
        }
        out.ssrc = ssrc
        out.sequenceNumber = packet.sequenceNumber &+ sequenceOffset
        out.timestamp = packet.timestamp &+ timestampOffset
        if Int16(bitPattern: out.sequenceNumber &- lastSequence) > 0 {
            lastSequence = out.sequenceNumber
            lastTimestamp = out.timestamp
            lastArrival = arrival
        }
        return out
    }
}
