/// One RFC 4733 §2.3 telephone-event payload:
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     event     |E|R| volume    |          duration             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public struct TelephoneEvent: Hashable, Sendable {
    /// Event code; DTMF uses 0–15 (RFC 4733 §3.2 Table 7).
    public var event: UInt8
    /// E bit: this packet reports the end of the event (§2.3.4).
    public var isEnd: Bool
    /// Power level as −dBm0, 0–63 (§2.3.5); DTMF volumes below 36 should be ignored… by policy, not here.
    public var volume: UInt8
    /// Duration so far in timestamp units (§2.3.6).
    public var duration: UInt16

    public static let size = 4

    public init(event: UInt8, isEnd: Bool, volume: UInt8, duration: UInt16) {
        self.event = event
        self.isEnd = isEnd
        self.volume = volume & 0x3F
        self.duration = duration
    }

    /// Parses the first event of an RTP payload; the R bit is ignored on receipt (§2.3.3).
    public init(parsing payload: ArraySlice<UInt8>) throws(RTPParseError) {
        guard payload.count >= Self.size else { throw .invalidPayload }
        let o = payload.startIndex
        self.init(event: payload[o], isEnd: payload[o + 1] & 0x80 != 0, volume: payload[o + 1] & 0x3F,
                  duration: payload.uint16(at: o + 2))
    }

    /// Appends the 4-octet payload (R bit zero, §2.3.3).
    public func serialize(into buffer: inout [UInt8]) {
        buffer.append(event)
        buffer.append((isEnd ? 0x80 : 0) | (volume & 0x3F))
        buffer.appendUInt16(duration)
    }

    /// RFC 4733 §3.2 Table 7: event codes 0–9 are the digits, 10 `*`, 11 `#`, 12–15 `A`–`D`.
    public static func digit(forEvent event: UInt8) -> Character? {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D"]
        return event < 16 ? digits[Int(event)] : nil
    }

    /// The event code for a DTMF digit (case-insensitive for `A`–`D`), or `nil`.
    public static func event(forDigit digit: Character) -> UInt8? {
        switch digit {
        case "0"..."9": digit.asciiValue.map { $0 - 48 }
        case "*": 10
        case "#": 11
        case "A", "a": 12
        case "B", "b": 13
        case "C", "c": 14
        case "D", "d": 15
        default: nil
        }
    }

    /// The DTMF digit of this event, if it is one.
    public var digit: Character? { Self.digit(forEvent: event) }
}
