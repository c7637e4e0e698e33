/// Reception statistics for one synchronization source, following RFC 3550 Appendix A verbatim:
/// A.1 sequence number validation with wrap-around cycles and probation, A.3 loss computation and
/// A.8 interarrival jitter. Sans-IO: arrival times are inputs, in the stream's timestamp units.
public struct RTPSourceStatistics: Hashable, Sendable {
    /// A.1: a jump of more than this many sequence numbers ahead is suspicious.
    public static let maxDropout: UInt16 = 3000
    /// A.1: a packet this far behind `maxSequence` is a late or duplicate packet.
    public static let maxMisorder: UInt16 = 100
    /// A.1: sequential packets needed before a source is declared valid.
    public static let minSequential = 2
    private static let sequenceModulus: UInt32 = 1 << 16

    public let ssrc: UInt32
    /// Highest sequence number seen (A.1 `max_seq`).
    public private(set) var maxSequence: UInt16 = 0
    /// Shifted count of sequence number cycles (A.1 `cycles`).
    public private(set) var cycles: UInt32 = 0
    public private(set) var baseSequence: UInt32 = 0
    private var badSequence: UInt32 = 1 << 16 + 1
    /// Packets still needed before the source is valid (A.1 `probation`).
    public private(set) var probation: Int
    /// Valid packets received, including duplicates (A.1 `received`).
    public private(set) var received: UInt32 = 0
    private var expectedPrior: UInt32 = 0
    private var receivedPrior: UInt32 = 0
    private var transit: Int32 = 0
    private var hasTransit = false
    /// Jitter estimate scaled by 16 (A.8 integer variant).
    private var scaledJitter: UInt32 = 0

    /// Creates state on the first packet of a new source (A.1: `init_seq(s, seq); s->max_seq = seq - 1;
    /// s->probation = MIN_SEQUENTIAL`).
    public init(ssrc: UInt32, firstSequenceNumber: UInt16, minSequential: Int = Self.minSequential) {
        self.ssrc = ssrc
        self.probation = minSequential
        initSequence(firstSequenceNumber)
        maxSequence = firstSequenceNumber &- 1
    }

    private mutating func initSequence(_ seq: UInt16) {
        baseSequence = UInt32(seq)
        maxSequence = seq
        badSequence = Self.sequenceModulus + 1
        cycles = 0
        received = 0
        receivedPrior = 0
        expectedPrior = 0
    }

    /// A.1 `update_seq`: returns whether the packet counts as valid.
    @discardableResult
    public mutating func updateSequence(_ seq: UInt16) -> Bool {
        let delta = seq &- maxSequence
        if probation > 0 {
            // Source is not valid until MIN_SEQUENTIAL packets in sequence have been received.
            if seq == maxSequence &+ 1 {
                probation -= 1
                maxSequence = seq
                if probation == 0 {
                    initSequence(seq)
                    received += 1
                    return true
                }
            } else {
                probation = Self.minSequential - 1
                maxSequence = seq
            }
            return false
        } else if delta < Self.maxDropout {
            // In order, with permissible gap.
            if seq < maxSequence { cycles &+= Self.sequenceModulus }
            maxSequence = seq
        } else if delta <= UInt16(Self.sequenceModulus - UInt32(Self.maxMisorder)) {
            // The sequence number made a very large jump.
            if UInt32(seq) == badSequence {
                // Two sequential packets: assume the other side restarted without telling us.
                initSequence(seq)
            } else {
                badSequence = (UInt32(seq) + 1) & (Self.sequenceModulus - 1)
                return false
            }
        }
        // Otherwise: duplicate or reordered packet, counted as received.
        received &+= 1
        return true
    }

    /// Feeds one RTP packet (A.1 + A.8). `arrival` is the arrival time converted to this stream's
    /// RTP timestamp units (A.8: "arrival … in the same units").
    @discardableResult
    public mutating func received(sequenceNumber: UInt16, timestamp: UInt32, arrival: UInt32) -> Bool {
        guard updateSequence(sequenceNumber) else { return false }
        // A.8: transit = arrival - r->ts; d = |transit - s->transit|; jitter += d - ((jitter + 8) >> 4).
        let newTransit = Int32(bitPattern: arrival &- timestamp)
        if hasTransit {
            let d = (newTransit &- transit).magnitude
            scaledJitter = scaledJitter &+ d &- ((scaledJitter &+ 8) >> 4)
        }
        transit = newTransit
        hasTransit = true
        return true
    }

    /// A.3 `extended_max = s->cycles + s->max_seq`.
    public var extendedHighestSequenceNumber: UInt32 { cycles &+ UInt32(maxSequence) }
    /// A.3 `expected = extended_max - s->base_seq + 1`.
    public var expected: UInt32 { extendedHighestSequenceNumber &- baseSequence &+ 1 }
    /// A.3 cumulative number of packets lost, clamped to the signed 24-bit report field.
    public var cumulativeLost: Int32 {
        let lost = Int64(expected) - Int64(received)
        return Int32(min(max(lost, -0x80_0000), 0x7F_FFFF))
    }
    /// A.8 interarrival jitter in timestamp units (`jitter >> 4`).
    public var jitter: UInt32 { scaledJitter >> 4 }

    /// A.3: the fraction lost since the previous call, as an 8-bit fixed-point fraction; advances the
    /// interval (call once per report).
    public mutating func takeFractionLost() -> UInt8 {
        let expected = self.expected
        let expectedInterval = expected &- expectedPrior
        expectedPrior = expected
        let receivedInterval = received &- receivedPrior
        receivedPrior = received
        let lostInterval = Int64(expectedInterval) - Int64(receivedInterval)
        guard expectedInterval != 0, lostInterval > 0 else { return 0 }
        // 256/256 (everything lost) does not fit the 8-bit field; report 255/256.
        return UInt8(min((lostInterval << 8) / Int64(expectedInterval), 255))
    }
}
