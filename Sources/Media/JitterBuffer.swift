/// Adaptive RTP jitter buffer for 20 ms frames (sans-IO: arrival times are inputs, playout is one ``pull()``
/// per 20 ms tick).
///
/// - ``insert(_:arrival:)`` files a packet by its (wrapping) sequence number; duplicates and packets whose slot
///   has already been played (late) are dropped and counted.
/// - ``pull()`` returns the next frame in sequence order, `.lost` for a gap (run packet loss concealment), or
///   `.empty` before playout has started.
///
/// Adaptation: for each packet the relative transit time `arrival − timestamp/clockRate` is kept for the last
/// ``windowSize`` packets; its spread (newest worst case minus best case) is the delay needed to have every
/// one of them on time. ``targetDelay`` is that spread plus one frame, rounded up to whole frames and clamped to
/// 20…200 ms. The buffer grows towards the target by waiting (answering `.lost` without advancing) when the
/// next frame has not arrived and fewer than target frames are queued, and shrinks by skipping one frame when
/// the average queue has exceeded the target by more than a frame for ``shrinkHoldTicks`` ticks.
/// RFC 3550 §6.4.1 interarrival jitter is reported in ``statistics``.
public struct JitterBuffer<Payload: Sendable>: Sendable {
    /// One received RTP packet carrying one 20 ms frame.
    public struct Packet: Sendable {
        public var sequenceNumber: UInt16
        public var timestamp: UInt32
        public var payload: Payload

        public init(sequenceNumber: UInt16, timestamp: UInt32, payload: Payload) {
            self.sequenceNumber = sequenceNumber
            self.timestamp = timestamp
            self.payload = payload
        }
    }

    /// What to play this tick.
    public enum Output: Sendable {
        case frame(Packet)
        /// The frame for this tick is missing (lost, late or the buffer is growing): conceal.
        case lost
        /// Playout has not started (nothing received yet, or still filling to the target): play silence.
        case empty
    }

    /// Counters and current estimates.
    public struct Statistics: Sendable, Hashable {
        public var received = 0
        public var played = 0
        public var lost = 0
        public var late = 0
        public var duplicates = 0
        public var droppedToShrink = 0
        public var resets = 0
        /// RFC 3550 §6.4.1 interarrival jitter, milliseconds.
        public var jitterMilliseconds = 0.0
    }

    public static var frameMilliseconds: Int { 20 }
    public static var minimumDelay: Duration { .milliseconds(20) }
    public static var maximumDelay: Duration { .milliseconds(200) }
    /// Packets whose transit times drive the target.
    public let windowSize = 100
    public let shrinkHoldTicks = 25
    /// RTP clock rate of the timestamps.
    public let clockRate: Int

    public private(set) var statistics = Statistics()
    /// Current target delay in frames (1…10).
    public private(set) var targetFrames = 1

    private let capacity = 64
    private var slots: [Packet?]
    private var slotSequence: [Int64]
    private var nextSequence: Int64 = 0
    private var highestSequence: Int64 = -1
    private var started = false
    private var playing = false
    private var transits: [Double]
    private var transitCount = 0
    private var lastTransit: Double?
    private var timestampBase: UInt32 = 0
    private var timeBase: ContinuousClock.Instant?
    private var averageDepth = 0.0
    private var ticksOverTarget = 0

    public init(clockRate: Int) {
        self.clockRate = clockRate
        slots = Array(repeating: nil, count: capacity)
        slotSequence = Array(repeating: -1, count: capacity)
        transits = Array(repeating: 0, count: windowSize)
    }

    /// Target playout delay.
    public var targetDelay: Duration { .milliseconds(targetFrames * Self.frameMilliseconds) }

    /// Frames queued from the next one to play up to the newest received (holes included).
    public var depth: Int { started ? Int(max(0, highestSequence - nextSequence + 1)) : 0 }

    /// Files a received packet.
    public mutating func insert(_ packet: Packet, arrival: ContinuousClock.Instant) {
        statistics.received += 1
        let sequence = extend(packet.sequenceNumber)
        if !started || sequence - nextSequence >= Int64(capacity) || nextSequence - sequence > 3000 {
            restart(at: sequence, timestamp: packet.timestamp, arrival: arrival)
        } else if sequence < nextSequence {
            if !playing && nextSequence - sequence < Int64(capacity - depth) {
                nextSequence = sequence           // reordered before playout started
            } else {
                statistics.late += 1
                observeTransit(of: packet, arrival: arrival)
                return
            }
        }
        let slot = Int(sequence % Int64(capacity))
        if slotSequence[slot] == sequence {
            statistics.duplicates += 1
            return
        }
        slots[slot] = packet
        slotSequence[slot] = sequence
        highestSequence = max(highestSequence, sequence)
        observeTransit(of: packet, arrival: arrival)
    }

    /// Called once per 20 ms tick: the frame to play.
    public mutating func pull() -> Output {
        guard started else { return .empty }
        if !playing {
            guard depth >= targetFrames else { return .empty }
            playing = true
        }
        averageDepth += (Double(depth) - averageDepth) / 8
        shrinkIfOverTarget()
        let slot = Int(nextSequence % Int64(capacity))
        if slotSequence[slot] == nextSequence, let packet = slots[slot] {
            slots[slot] = nil
            nextSequence += 1
            statistics.played += 1
            return .frame(packet)
        }
        if depth < targetFrames {
            return .lost                          // wait for it: the buffer grows by one frame
        }
        nextSequence += 1
        statistics.lost += 1
        return .lost
    }

    private mutating func shrinkIfOverTarget() {
        ticksOverTarget = averageDepth > Double(targetFrames) + 1.5 ? ticksOverTarget + 1 : 0
        guard ticksOverTarget >= shrinkHoldTicks, depth > targetFrames + 1 else { return }
        let slot = Int(nextSequence % Int64(capacity))
        if slotSequence[slot] == nextSequence { slots[slot] = nil }
        nextSequence += 1
        statistics.droppedToShrink += 1
        ticksOverTarget = 0
        averageDepth -= 1
    }

    private mutating func restart(at sequence: Int64, timestamp: UInt32, arrival: ContinuousClock.Instant) {
        if started { statistics.resets += 1 }
        for i in 0..<capacity {
            slots[i] = nil
            slotSequence[i] = -1
        }
        started = true
        playing = false
        nextSequence = sequence
        highestSequence = sequence
        timestampBase = timestamp
        timeBase = arrival
        transitCount = 0
        lastTransit = nil
    }

    /// Unwraps a 16-bit sequence number next to the highest seen (RFC 3550 Appendix A.1 style).
    private func extend(_ sequence: UInt16) -> Int64 {
        guard highestSequence >= 0 else { return Int64(sequence) + 65536 }
        let delta = Int64(Int16(bitPattern: sequence &- UInt16(truncatingIfNeeded: highestSequence)))
        return highestSequence + delta
    }

    private mutating func observeTransit(of packet: Packet, arrival: ContinuousClock.Instant) {
        guard let timeBase else { return }
        let elapsed = arrival - timeBase
        let arrivalMs = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let mediaMs = Double(Int32(bitPattern: packet.timestamp &- timestampBase)) * 1000 / Double(clockRate)
        let transit = arrivalMs - mediaMs
        if let lastTransit {
            statistics.jitterMilliseconds += (abs(transit - lastTransit) - statistics.jitterMilliseconds) / 16
        }
        lastTransit = transit
        transits[transitCount % windowSize] = transit
        transitCount += 1
        var lowest = Double.infinity
        var highest = -Double.infinity
        for i in 0..<min(transitCount, windowSize) {
            lowest = min(lowest, transits[i])
            highest = max(highest, transits[i])
        }
        let needed = (highest - lowest) / Double(Self.frameMilliseconds)
        targetFrames = min(10, max(1, Int(needed.rounded(.up)) + 1))
    }
}
