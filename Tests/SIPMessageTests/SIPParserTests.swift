import Testing
@testable import SIPMessage

/// A small well-formed REGISTER, the message the registrar sees most.
enum SampleMessages {
    static let register = """
        REGISTER sip:registrar.biloxi.example.com SIP/2.0\r
        Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\r
        Max-Forwards: 70\r
        To: Bob <sip:bob@biloxi.example.com>\r
        From: Bob <sip:bob@biloxi.example.com>;tag=456248\r
        Call-ID: 843817637684230@998sdasdh09\r
        CSeq: 1826 REGISTER\r
        Contact: <sip:bob@192.0.2.4>\r
        Expires: 7200\r
        Content-Length: 0\r
        \r

        """

    static func registerBytes(callID: String = "843817637684230@998sdasdh09") -> [UInt8] {
        Array(register.replacing("843817637684230@998sdasdh09", with: callID).utf8)
    }
}

@Suite("SIPParser")
struct SIPParserTests {
    @Test("a REGISTER parses with its typed views")
    func register() throws {
        let message = try SIPParser().parse(SampleMessages.registerBytes())
        guard case .request(let request) = message else { Issue.record("not a request"); return }
        #expect(request.method == .register && request.uri.host == "registrar.biloxi.example.com")
        #expect(request.cseq == SIPCSeq(sequence: 1826, method: .register))
        #expect(request.headers.expires == 7200 && request.headers.maxForwards == 70)
        #expect(request.headers.to?.displayName == "Bob")
        #expect(request.headers.contacts.first?.uri.host == "192.0.2.4")
    }

    @Test("serialization keeps header order and rewrites Content-Length in place")
    func serializeContentLength() throws {
        var request = SIPRequest(method: .message, uri: SIPURI(user: "bob", host: "example.com"))
        request.headers.add("Via", "SIP/2.0/UDP a.example.com;branch=z9hG4bK1")
        request.headers.add("l", "999")
        request.headers.add("To", "<sip:bob@example.com>")
        request.headers.add("Content-Length", "5")
        request.body = Array("hello".utf8)
        let text = String(decoding: request.serialized(), as: UTF8.self)
        #expect(text == "MESSAGE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\nl: 5\r\nTo: <sip:bob@example.com>\r\n\r\nhello")
        let bare = SIPResponse(statusCode: 200, headers: SIPHeaders([("Call-ID", "x")]))
        #expect(String(decoding: bare.serialized(), as: UTF8.self) == "SIP/2.0 200 OK\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n")
    }

    @Test("CRLFs before the start line are ignored (RFC 3261 §7.5); a keep-alive is not a message")
    func leadingCRLF() throws {
        _ = try SIPParser().parse(Array("\r\n\r\n".utf8) + SampleMessages.registerBytes())
        #expect(SIPParser.isKeepAlive(Array("\r\n\r\n".utf8)))
        #expect(!SIPParser.isKeepAlive(SampleMessages.registerBytes()))
        let error = #expect(throws: SIPParseError.self) { try SIPParser().parse(Array("\r\n\r\n".utf8)) }
        #expect(error?.code == .truncated)
    }

    @Test("bare LF line ends are accepted")
    func bareLF() throws {
        let text = SampleMessages.register.replacing("\r\n", with: "\n")
        _ = try SIPParser().parse(Array(text.utf8))
    }

    @Test("status lines: code range, mandatory SP, version", arguments: [
        ("SIP/2.0 099 Low", SIPParseError.Code.invalidStartLine), ("SIP/2.0 700 High", .invalidStartLine),
        ("SIP/2.0 2000 OK", .invalidStartLine), ("SIP/2.0 20 OK", .invalidStartLine), ("SIP/2.0 200", .invalidStartLine),
        ("SIP/2.0 +20 OK", .invalidStartLine), ("SIP/3.0 200 OK", .versionNotSupported), ("SIP/2 200 OK", .invalidStartLine),
        ("SIP/2.0 200 O\u{01}K", .invalidStartLine),
    ])
    func statusLines(line: String, code: SIPParseError.Code) {
        let bytes = Array((line + "\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n").utf8)
        let error = #expect(throws: SIPParseError.self) { try SIPParser(validatesHeaders: false).parse(bytes) }
        #expect(error?.code == code)
    }

    @Test("request lines", arguments: [
        ("INVITE sip:a@b SIP/2.0 ", SIPParseError.Code.invalidStartLine), ("INVITE  sip:a@b SIP/2.0", .invalidStartLine),
        ("INV ITE sip:a@b SIP/2.0", .invalidStartLine), ("INVITE sip:a@b SIP/2.1", .versionNotSupported),
        ("INVITE sip:a@b HTTP/1.1", .invalidStartLine), ("IN\"VITE sip:a@b SIP/2.0", .invalidStartLine),
        ("INVITE sip:a@b?x=y SIP/2.0", .invalidURI), ("INVITE <sip:a@b> SIP/2.0", .invalidURI),
    ])
    func requestLines(line: String, code: SIPParseError.Code) {
        let error = #expect(throws: SIPParseError.self) { try SIPParser(validatesHeaders: false).parse(Array((line + "\r\n\r\n").utf8)) }
        #expect(error?.code == code)
    }

    @Test("an oversized message is 513; too many headers and long lines are typed errors")
    func limits() throws {
        let limits = SIPParser.Limits(maxMessageSize: 400, maxHeaderCount: 8, maxLineLength: 100)
        let big = SampleMessages.registerBytes() + [UInt8](repeating: 0x41, count: 200)
        let tooLarge = #expect(throws: SIPParseError.self) { try SIPParser(limits: limits).parse(big) }
        #expect(tooLarge?.code == .messageTooLarge && tooLarge?.statusCode == 513)
        let manyHeaders = #expect(throws: SIPParseError.self) {
            try SIPParser(limits: SIPParser.Limits(maxHeaderCount: 8)).parse(SampleMessages.registerBytes())
        }
        #expect(manyHeaders?.code == .tooManyHeaders)
        let longLine = SampleMessages.register.replacing("Expires: 7200", with: "X-Long: " + String(repeating: "a", count: 200))
        let tooLong = #expect(throws: SIPParseError.self) {
            try SIPParser(limits: SIPParser.Limits(maxLineLength: 100)).parse(Array(longLine.utf8))
        }
        #expect(tooLong?.code == .lineTooLong)
        _ = try SIPParser(limits: SIPParser.Limits(maxHeaderCount: 9)).parse(SampleMessages.registerBytes())
    }

    @Test("Content-Length values that would overflow or are not digits are rejected, not trapped on", arguments: [
        "99999999999999999999999999999", "9223372036854775807", "-1", "+0", "0x10", "1 2", "",
    ])
    func hostileContentLength(value: String) {
        let text = SampleMessages.register.replacing("Content-Length: 0", with: "Content-Length: " + value)
        let error = #expect(throws: SIPParseError.self) { try SIPParser().parse(Array(text.utf8)) }
        #expect(error?.code == .invalidContentLength)
    }

    @Test("huge CSeq, Max-Forwards, Expires and port values are rejected", arguments: [
        ("CSeq: 1826 REGISTER", "CSeq: 4294967296 REGISTER"), ("Max-Forwards: 70", "Max-Forwards: 256"),
        ("Expires: 7200", "Expires: 4294967296"), ("5060;branch", "65536;branch"), ("CSeq: 1826 REGISTER", "CSeq: -1 REGISTER"),
        ("CSeq: 1826 REGISTER", "CSeq: 1826 INVITE"), ("Call-ID: 843817637684230@998sdasdh09", "Call-ID: a b"),
        ("Contact: <sip:bob@192.0.2.4>", "Contact: *, <sip:bob@192.0.2.4>"), ("Max-Forwards: 70", "To: <sip:x@y>"),
    ])
    func hostileScalars(original: String, replacement: String) {
        let text = SampleMessages.register.replacing(original, with: replacement)
        #expect(throws: SIPParseError.self) { try SIPParser().parse(Array(text.utf8)) }
    }

    @Test("a message without Via, or with headers that do not parse, passes only with validation off")
    func validationSwitch() throws {
        let text = SampleMessages.register.replacing("Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\r\n", with: "")
        let error = #expect(throws: SIPParseError.self) { try SIPParser().parse(Array(text.utf8)) }
        #expect(error?.code == .missingHeader)
        _ = try SIPParser(validatesHeaders: false).parse(Array(text.utf8))
    }

    @Test("non-UTF-8 header bytes and header lines without a colon are rejected")
    func encodingAndColon() {
        let bad = Array("OPTIONS sip:a@b SIP/2.0\r\nX: \u{00E9}\r\n\r\n".utf8).map { $0 == 0xC3 ? 0xFF : $0 }
        let error = #expect(throws: SIPParseError.self) { try SIPParser(validatesHeaders: false).parse(bad) }
        #expect(error?.code == .invalidEncoding)
        #expect(throws: SIPParseError.self) { try SIPParser(validatesHeaders: false).parse(Array("OPTIONS sip:a@b SIP/2.0\r\nNoColon\r\n\r\n".utf8)) }
        #expect(throws: SIPParseError.self) { try SIPParser(validatesHeaders: false).parse(Array("OPTIONS sip:a@b SIP/2.0\r\n folded\r\n\r\n".utf8)) }
    }

    @Test("Date must be RFC 1123 in GMT")
    func date() {
        #expect(SIPParser.isRFC1123GMT("Sat, 13 Nov 2010 23:29:00 GMT"))
        #expect(!SIPParser.isRFC1123GMT("Fri, 01 Jan 2010 16:00:00 EST"))
        #expect(!SIPParser.isRFC1123GMT("Sat, 13 Nov 2010 23:29 GMT"))
        #expect(!SIPParser.isRFC1123GMT("Sat 13 Nov 2010 23:29:00 GMT"))
    }

    @Test("a response built for a request parses back with the To tag added")
    func replyRoundTrip() throws {
        guard case .request(let request) = try SIPParser().parse(SampleMessages.registerBytes()) else { return }
        let response = SIPResponse(replyingTo: request, statusCode: 200, toTag: "abc")
        guard case .response(let parsed) = try SIPParser().parse(response.serialized()) else { Issue.record("not a response"); return }
        #expect(parsed.statusCode == 200 && parsed.reasonPhrase == "OK")
        #expect(parsed.headers.to?.tag == "abc")
        #expect(parsed.cseq == request.cseq && parsed.callID == request.callID)
    }
}
