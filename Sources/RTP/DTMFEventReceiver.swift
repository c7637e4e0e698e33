/// Turns a stream of RFC 4733 telephone-event packets into exactly one digit per event.
///
/// RFC 4733 §2.5.1: every packet of one event carries the same RTP timestamp (the event's start);
/// the start packet has the marker bit, updates follow, and the final packet (E bit) is sent three
/// times. A digit is therefore reported on the *first* packet seen with a new timestamp — start,
/// update or end — so losing the start packet (or any subset that leaves one packet) still yields
/// the digit, and retransmissions never repeat it. Long events split into segments (§2.5.1.3:
/// a new timestamp, same event, no marker, after a segment reaching the 0xFFFF duration limit) are
/// treated as one event. Sans-IO: feed packets as they arrive.
public struct DTMFEventReceiver: Sendable {
    /// A detected DTMF key press.
    public struct Digit: Hashable, Sendable {
        public var digit: Character
        public var event: UInt8
        /// RTP timestamp of the event's start.
        public var timestamp: UInt32
    }

    public let payloadType: UInt8
    private var recentTimestamps: [UInt32] = []
    private var current: (timestamp: UInt32, event: UInt8, duration: UInt16, ended: Bool)?
    private static let recentLimit = 16
    /// A segment shorter than this cannot have been split for length (§2.5.1.3).
    private static let segmentThreshold: UInt16 = 0xFFFF - 1600

    public init(payloadType: UInt8) {
        self.payloadType = payloadType
    }

    /// Feeds one RTP packet; returns a digit the first time an event is seen. Packets of another
    /// payload type, malformed payloads and non-DTMF event codes return `nil`.
    public mutating func receivedPacket(_ packet: RTPPacket) -> Digit? {
        guard packet.payloadType == payloadType,
              let event = try? TelephoneEvent(parsing: packet.payload) else { return nil }
        if let cur = current, cur.timestamp == packet.timestamp {
            current = (cur.timestamp, cur.event, max(cur.duration, event.duration), cur.ended || event.isEnd)
            return nil
        }
        guard !recentTimestamps.contains(packet.timestamp) else { return nil }
        if let cur = current, isOlder(packet.timestamp, than: cur.timestamp) { return nil }
        let isContinuation = current.map {
            !$0.ended && $0.event == event.event && !packet.marker && $0.duration >= Self.segmentThreshold
        } ?? false
        remember(packet.timestamp)
        current = (packet.timestamp, event.event, event.duration, event.isEnd)
        guard !isContinuation, let digit = event.digit else { return nil }
        return Digit(digit: digit, event: event.event, timestamp: packet.timestamp)
    }

    private mutating func remember(_ timestamp: UInt32) {
        recentTimestamps.append(timestamp)
        if recentTimestamps.count > Self.recentLimit { recentTimestamps.removeFirst() }
    }

    /// Serial-number comparison of RTP timestamps (RFC 1982 style, 32 bits).
    private func isOlder(_ a: UInt32, than b: UInt32) -> Bool {
        a != b && (b &- a) < 0x8000_0000
    }
}
