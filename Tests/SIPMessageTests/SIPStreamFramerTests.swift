import Testing
@testable import SIPMessage

@Suite("SIPStreamFramer")
struct SIPStreamFramerTests {
    static let invite = Array("""
        INVITE sip:bob@example.com SIP/2.0\r
        Via: SIP/2.0/TCP a.example.com;branch=z9hG4bK1\r
        Max-Forwards: 70\r
        To: <sip:bob@example.com>\r
        From: <sip:alice@example.com>;tag=1\r
        Call-ID: c1\r
        CSeq: 1 INVITE\r
        Content-Type: text/plain\r
        l: 5\r
        \r
        hello
        """.utf8)

    @Test("fed one byte at a time, every message comes out whole and exactly once")
    func byteAtATime() throws {
        var framer = SIPStreamFramer()
        let stream = Self.invite + Array("\r\n\r\n".utf8) + SampleMessages.registerBytes() + Self.invite
        var out: [[UInt8]] = []
        for byte in stream { out += try framer.append([byte]) }
        #expect(out == [Self.invite, SampleMessages.registerBytes(), Self.invite])
        #expect(framer.bufferedByteCount == 0)
        for message in out { _ = try SIPParser().parse(message) }
    }

    @Test("several messages in one chunk, and a message split across chunks")
    func chunks() throws {
        var framer = SIPStreamFramer()
        let twice = Self.invite + Self.invite
        let first = try framer.append(twice + Self.invite.prefix(10))
        #expect(first == [Self.invite, Self.invite] && framer.bufferedByteCount == 10)
        let second = try framer.append(Self.invite.dropFirst(10))
        #expect(second == [Self.invite] && framer.bufferedByteCount == 0)
    }

    @Test("CRLF keep-alives between messages are skipped (RFC 5626 §3.5.1)")
    func keepAlive() throws {
        var framer = SIPStreamFramer()
        #expect(try framer.append(Array("\r\n\r\n".utf8)).isEmpty)
        #expect(framer.bufferedByteCount == 0)
        #expect(try framer.append(Array("\r\n".utf8) + Self.invite + Array("\r\n\r\n\r\n".utf8)) == [Self.invite])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test("a message larger than the limit is 513, whether the headers or the Content-Length make it so")
    func oversized() throws {
        var framer = SIPStreamFramer(limits: SIPParser.Limits(maxMessageSize: 300))
        let headerFlood = Array("OPTIONS sip:a@b SIP/2.0\r\n".utf8) + [UInt8](repeating: 0x61, count: 400)
        let error = #expect(throws: SIPParseError.self) { try framer.append(headerFlood) }
        #expect(error?.code == .messageTooLarge && error?.statusCode == 513)
        var other = SIPStreamFramer(limits: SIPParser.Limits(maxMessageSize: 300))
        let claim = Array("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 9223372036854775000\r\n\r\n".utf8)
        let huge = #expect(throws: SIPParseError.self) { try other.append(claim) }
        #expect(huge?.code == .invalidContentLength)
        var third = SIPStreamFramer(limits: SIPParser.Limits(maxMessageSize: 300))
        let tooBig = #expect(throws: SIPParseError.self) { try third.append(Array("OPTIONS sip:a@b SIP/2.0\r\nl: 1000\r\n\r\n".utf8)) }
        #expect(tooBig?.code == .messageTooLarge && tooBig?.statusCode == 513)
    }

    @Test("missing, negative or repeated Content-Length on a stream is a framing error", arguments: [
        "OPTIONS sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\n\r\n", "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -5\r\n\r\n",
        "OPTIONS sip:a@b SIP/2.0\r\nl: 0\r\nContent-Length: 0\r\n\r\n", "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: five\r\n\r\n",
    ])
    func badContentLength(text: String) {
        var framer = SIPStreamFramer()
        let error = #expect(throws: SIPParseError.self) { try framer.append(Array(text.utf8)) }
        #expect(error?.code == .invalidContentLength)
    }

    @Test("a header named like Content-Length is not mistaken for it")
    func lookalikeHeader() throws {
        var framer = SIPStreamFramer()
        let text = "OPTIONS sip:a@b SIP/2.0\r\nX-Content-Length: 99\r\nLx: 1\r\nContent-Length: 2\r\n\r\nok"
        #expect(try framer.append(Array(text.utf8)) == [Array(text.utf8)])
    }

    @Test("byte-at-a-time framing of a large message stays linear")
    func largeMessageByteAtATime() throws {
        var framer = SIPStreamFramer()
        var head = "MESSAGE sip:a@b SIP/2.0\r\n"
        for i in 0..<200 { head += "X-Filler-\(i): " + String(repeating: "v", count: 40) + "\r\n" }
        let body = [UInt8](repeating: 0x42, count: 40_000)
        let message = Array((head + "Content-Length: \(body.count)\r\n\r\n").utf8) + body
        var out: [[UInt8]] = []
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for byte in message { out += try framer.append(CollectionOfOne(byte)) }
        }
        #expect(out == [message])
        #expect(elapsed < .seconds(20), "quadratic rescanning would take far longer")
    }
}
