/// Produces the RFC 4733 packet sequence for one DTMF digit (§2.5.1).
///
/// ```
///  offset interval    marker=1 E=0 duration=interval    (start, §2.5.1.2)
///  offset k·interval  marker=0 E=0 duration=k·interval  (updates while k·interval < total)
///  offset total       marker=0 E=1 duration=total  ×3   (end + 2 retransmissions, §2.5.1.4)
/// ```
/// All packets share the event's RTP timestamp; sequence numbers increase by one per packet,
/// including the end retransmissions. Sans-IO: the caller sends each packet at its `sendOffset`.
public struct DTMFEventSender: Hashable, Sendable {
    /// One packet and when to send it, in timestamp units after the event start.
    public struct ScheduledPacket: Hashable, Sendable {
        public var sendOffset: UInt32
        public var packet: RTPPacket
    }

    public var payloadType: UInt8
    /// Timestamp units between updates: 160 for 20 ms or 400 for 50 ms at 8000 Hz.
    public var packetInterval: UInt16
    /// Volume as −dBm0 (§2.3.5); 10 is a typical value.
    public var volume: UInt8
    /// Copies of the final packet (§2.5.1.4 recommends three in total).
    public static let endPacketCount = 3

    public init(payloadType: UInt8, packetInterval: UInt16 = 160, volume: UInt8 = 10) {
        precondition(packetInterval > 0, "packet interval must be positive")
        self.payloadType = payloadType
        self.packetInterval = packetInterval
        self.volume = volume
    }

    /// The packets for `digit` lasting `duration` timestamp units (clamped to 1…0xFFFF; longer events
    /// would need §2.5.1.3 segmentation), or `nil` if `digit` is not a DTMF digit.
    public func packets(
        for digit: Character, duration: UInt32, timestamp: UInt32, firstSequenceNumber: UInt16, ssrc: UInt32
    ) -> [ScheduledPacket]? {
        guard let code = TelephoneEvent.event(forDigit: digit) else { return nil }
        let total = UInt16(clamping: max(duration, 1))
        var result: [ScheduledPacket] = []
        var sequence = firstSequenceNumber
        func add(offset: UInt32, duration: UInt16, end: Bool, marker: Bool) {
            var payload: [UInt8] = []
            TelephoneEvent(event: code, isEnd: end, volume: volume, duration: duration).serialize(into: &payload)
            let packet = RTPPacket(
                marker: marker, payloadType: payloadType, sequenceNumber: sequence, timestamp: timestamp,
                ssrc: ssrc, payload: payload[...])
            result.append(ScheduledPacket(sendOffset: offset, packet: packet))
            sequence &+= 1
        }
        // Each packet reports the duration elapsed at the moment it is sent (§2.5.1.2).
        let interval = UInt32(packetInterval)
        let first = min(interval, UInt32(total))
        add(offset: first, duration: UInt16(first), end: false, marker: true)
        var elapsed = first + interval
        while elapsed < UInt32(total) {
            add(offset: elapsed, duration: UInt16(elapsed), end: false, marker: false)
            elapsed += interval
        }
        for _ in 0..<Self.endPacketCount {
            add(offset: UInt32(total), duration: total, end: true, marker: false)
        }
        return result
    }
}
