import Testing
@testable import RTP

/// RFC 4733: telephone-event payload (§2.3), sender procedure (§2.5.1) and receiver behaviour (§2.5.2).
@Suite struct RFC4733Tests {
    @Test("§2.3 figure: event | E R volume | duration, network order")
    func payloadLayout() throws {
        var bytes: [UInt8] = []
        TelephoneEvent(event: 5, isEnd: true, volume: 10, duration: 800).serialize(into: &bytes)
        #expect(bytes == [0x05, 0x8A, 0x03, 0x20])
        var start: [UInt8] = []
        TelephoneEvent(event: 11, isEnd: false, volume: 63, duration: 0xFFFF).serialize(into: &start)
        #expect(start == [0x0B, 0x3F, 0xFF, 0xFF])
        // §2.3.3: the R bit is reserved; a receiver ignores it.
        let parsed = try TelephoneEvent(parsing: [0x0C, 0xCA, 0x01, 0x40][...])
        #expect(parsed == TelephoneEvent(event: 12, isEnd: true, volume: 10, duration: 320))
        #expect(parsed.digit == "A")
        #expect(throws: RTPParseError.invalidPayload) { try TelephoneEvent(parsing: [0x01, 0x80, 0x00][...]) }
    }

    @Test("§3.2 Table 7: DTMF event codes")
    func eventCodes() {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D"]
        for (code, digit) in digits.enumerated() {
            #expect(TelephoneEvent.digit(forEvent: UInt8(code)) == digit)
            #expect(TelephoneEvent.event(forDigit: digit) == UInt8(code))
        }
        #expect(TelephoneEvent.event(forDigit: "d") == 15)
        #expect(TelephoneEvent.digit(forEvent: 16) == nil)
        #expect(TelephoneEvent.event(forDigit: "E") == nil)
    }

    @Test("§2.5.1: 100 ms digit at 20 ms updates: marker start, updates, three identical end packets")
    func senderTwentyMilliseconds() throws {
        let sender = DTMFEventSender(payloadType: 101, packetInterval: 160)
        let packets = try #require(sender.packets(for: "7", duration: 800, timestamp: 48000,
                                                  firstSequenceNumber: 65534, ssrc: 0xCAFE))
        #expect(packets.map(\.sendOffset) == [160, 320, 480, 640, 800, 800, 800])
        #expect(packets.map(\.packet.sequenceNumber) == [65534, 65535, 0, 1, 2, 3, 4])
        #expect(packets.map(\.packet.marker) == [true, false, false, false, false, false, false])
        #expect(packets.allSatisfy { $0.packet.timestamp == 48000 && $0.packet.payloadType == 101 })
        let events = try packets.map { try TelephoneEvent(parsing: $0.packet.payload) }
        #expect(events.map(\.duration) == [160, 320, 480, 640, 800, 800, 800])
        #expect(events.map(\.isEnd) == [false, false, false, false, true, true, true])
        #expect(events.allSatisfy { $0.event == 7 && $0.volume == 10 })
    }

    @Test("§2.5.1: 50 ms update interval")
    func senderFiftyMilliseconds() throws {
        let sender = DTMFEventSender(payloadType: 96, packetInterval: 400)
        let packets = try #require(sender.packets(for: "#", duration: 1000, timestamp: 0, firstSequenceNumber: 10,
                                                  ssrc: 1))
        let events = try packets.map { try TelephoneEvent(parsing: $0.packet.payload) }
        #expect(events.map(\.duration) == [400, 800, 1000, 1000, 1000])
        #expect(events.map(\.isEnd) == [false, false, true, true, true])
        #expect(sender.packets(for: "x", duration: 800, timestamp: 0, firstSequenceNumber: 0, ssrc: 1) == nil)
    }

    static func sequence(_ digit: Character, timestamp: UInt32, seq: UInt16) -> [RTPPacket] {
        DTMFEventSender(payloadType: 101).packets(
            for: digit, duration: 800, timestamp: timestamp, firstSequenceNumber: seq, ssrc: 9)!.map(\.packet)
    }

    @Test("§2.5.2: a full event with end retransmissions yields exactly one digit")
    func receiverOneDigit() {
        var receiver = DTMFEventReceiver(payloadType: 101)
        let digits = Self.sequence("5", timestamp: 1000, seq: 1).compactMap { receiver.receivedPacket($0) }
        #expect(digits == [DTMFEventReceiver.Digit(digit: "5", event: 5, timestamp: 1000)])
    }

    @Test("§2.5.2: a lost start packet (and lost updates) still yields the digit once")
    func receiverLostStart() {
        var receiver = DTMFEventReceiver(payloadType: 101)
        let packets = Self.sequence("9", timestamp: 2000, seq: 1)
        let digits = packets.dropFirst(2).compactMap { receiver.receivedPacket($0) }
        #expect(digits.map(\.digit) == ["9"])
        var endOnly = DTMFEventReceiver(payloadType: 101)
        #expect(packets.suffix(1).compactMap { endOnly.receivedPacket($0) }.map(\.digit) == ["9"])
    }

    @Test("the same digit pressed twice is two events; late retransmissions are not")
    func receiverRepeatedDigit() {
        var receiver = DTMFEventReceiver(payloadType: 101)
        let first = Self.sequence("1", timestamp: 8000, seq: 1)
        let second = Self.sequence("1", timestamp: 9600, seq: 8)
        var digits = first.compactMap { receiver.receivedPacket($0) }
        digits += second.prefix(2).compactMap { receiver.receivedPacket($0) }
        // A delayed end retransmission of the first event arrives after the second started.
        #expect(receiver.receivedPacket(first[6]) == nil)
        digits += second.dropFirst(2).compactMap { receiver.receivedPacket($0) }
        #expect(digits.map(\.timestamp) == [8000, 9600])
        #expect(digits.map(\.digit) == ["1", "1"])
    }

    @Test("other payload types, malformed payloads and non-DTMF events are ignored")
    func receiverIgnores() {
        var receiver = DTMFEventReceiver(payloadType: 101)
        let audio = RTPPacket(payloadType: 0, sequenceNumber: 1, timestamp: 0, ssrc: 1, payload: [1, 2, 3, 4][...])
        #expect(receiver.receivedPacket(audio) == nil)
        let short = RTPPacket(payloadType: 101, sequenceNumber: 2, timestamp: 5, ssrc: 1, payload: [1, 2][...])
        #expect(receiver.receivedPacket(short) == nil)
        let flash = RTPPacket(marker: true, payloadType: 101, sequenceNumber: 3, timestamp: 10, ssrc: 1,
                              payload: [16, 0x0A, 0, 160][...])
        #expect(receiver.receivedPacket(flash) == nil)
    }

    @Test("§2.5.1.3: a long event split into segments is one digit")
    func receiverLongEventSegments() {
        var receiver = DTMFEventReceiver(payloadType: 101)
        func packet(_ ts: UInt32, _ seq: UInt16, duration: UInt16, marker: Bool, end: Bool) -> RTPPacket {
            var payload: [UInt8] = []
            TelephoneEvent(event: 3, isEnd: end, volume: 10, duration: duration).serialize(into: &payload)
            return RTPPacket(marker: marker, payloadType: 101, sequenceNumber: seq, timestamp: ts, ssrc: 1,
                             payload: payload[...])
        }
        var digits: [DTMFEventReceiver.Digit] = []
        digits += [receiver.receivedPacket(packet(0, 1, duration: 160, marker: true, end: false))].compactMap { $0 }
        digits += [receiver.receivedPacket(packet(0, 2, duration: 0xFFFF, marker: false, end: false))].compactMap { $0 }
        digits += [receiver.receivedPacket(packet(0xFFFF, 3, duration: 160, marker: false, end: false))].compactMap { $0 }
        digits += [receiver.receivedPacket(packet(0xFFFF, 4, duration: 800, marker: false, end: true))].compactMap { $0 }
        #expect(digits.map(\.digit) == ["3"])
    }
}
