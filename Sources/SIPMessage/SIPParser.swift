/// Parses one complete SIP message from bytes (RFC 3261 §7). For datagrams the bytes are the whole
/// datagram; stream transports cut messages out first with `SIPStreamFramer`.
///
/// The parser is strict where RFC 3261 and RFC 4475 §3.1.2 call a message invalid (start line, header
/// syntax, Content-Length, and — unless `validatesHeaders` is off — the mandatory headers, see
/// `SIPParser+Validation.swift`), and liberal where RFC 4475 §3.1.1 says a message is valid however odd
/// it looks (LWS and folding anywhere LWS may appear, compact forms, unknown headers and schemes).
/// No input traps: every number is range-checked before use and every failure is a `SIPParseError`.
public struct SIPParser: Sendable {
    /// Hard limits that keep a hostile peer from making us allocate or loop without bound.
    public struct Limits: Sendable, Equatable {
        public var maxMessageSize: Int
        public var maxHeaderCount: Int
        public var maxLineLength: Int

        public init(maxMessageSize: Int = 65_535, maxHeaderCount: Int = 256, maxLineLength: Int = 8_192) {
            self.maxMessageSize = maxMessageSize
            self.maxHeaderCount = maxHeaderCount
            self.maxLineLength = maxLineLength
        }
    }

    public var limits: Limits
    /// Whether `parse` checks the headers RFC 3261 §8.1.1 makes mandatory (Via, From, To, Call-ID, CSeq)
    /// and the syntax of the scalar ones. On by default; off only for tools that must look at broken
    /// messages.
    public var validatesHeaders: Bool

    public init(limits: Limits = Limits(), validatesHeaders: Bool = true) {
        self.limits = limits
        self.validatesHeaders = validatesHeaders
    }

    /// Parses a complete message. On a datagram a Content-Length smaller than the body truncates the
    /// body (the rest is noise, RFC 3261 §18.3, RFC 4475 §3.1.1.8); a larger one is an error; without a
    /// Content-Length the body is the rest of the datagram. CRLFs before the start line are ignored (§7.5).
    public func parse(_ bytes: [UInt8]) throws(SIPParseError) -> SIPMessage {
        guard bytes.count <= limits.maxMessageSize else {
            throw SIPParseError(.messageTooLarge, "\(bytes.count) bytes")
        }
        var start = 0
        while start < bytes.count, bytes[start] == 13 || bytes[start] == 10 { start += 1 }
        guard start < bytes.count else { throw SIPParseError(.truncated, "no start line") }
        guard let headEnd = SIPParser.findHeaderEnd(bytes, from: start) else {
            throw SIPParseError(.truncated, "no empty line after the headers")
        }
        let (startLine, headers) = try parseHead(bytes[start..<headEnd.headerEnd])
        if validatesHeaders { try SIPParser.checkSingleValues(headers) }
        let available = bytes.count - headEnd.bodyStart
        var bodyLength = available
        if let length = try SIPParser.contentLength(of: headers) {
            guard length <= available else {
                throw SIPParseError(.invalidContentLength, "Content-Length \(length) > \(available) body bytes")
            }
            bodyLength = length
        }
        let body = Array(bytes[headEnd.bodyStart..<(headEnd.bodyStart + bodyLength)])
        var message = try SIPParser.makeMessage(startLine: startLine, headers: headers, body: body)
        if validatesHeaders { message.headers.validatedViews = try SIPParser.validate(message) }
        return message
    }

    /// A datagram of nothing but CRLFs: an RFC 5626 §3.5.1 keep-alive ping, not a message.
    public static func isKeepAlive(_ bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 == 13 || $0 == 10 }
    }

    /// The single Content-Length of a message, `nil` when absent. Several values, or a value that is not
    /// `1*DIGIT` (negative, signed, absurdly large), are framing errors (RFC 4475 §3.1.2.3, §3.3.9).
    static func contentLength(of headers: SIPHeaders) throws(SIPParseError) -> Int? {
        guard let text = headers[SIPHeaders.Key.contentLength] else { return nil }
        let count = headers.count(of: SIPHeaders.Key.contentLength)
        guard count == 1 else { throw SIPParseError(.invalidContentLength, "\(count) Content-Length values") }
        guard let length = SIPGrammar.decimal(text, max: Int(Int32.max)) else {
            throw SIPParseError(.invalidContentLength, "Content-Length: \(text)")
        }
        return length
    }

    static func makeMessage(startLine: String, headers: SIPHeaders, body: [UInt8]) throws(SIPParseError) -> SIPMessage {
        if startsWithVersionPrefix(Substring(startLine)) {
            return .response(try parseStatusLine(startLine, headers: headers, body: body))
        }
        // Request-Line = Method SP Request-URI SP SIP-Version CRLF: exactly two single spaces
        // (RFC 4475 §3.1.2.8–§3.1.2.10 reject embedded LWS, doubled SP and trailing SP).
        let parts = SIPGrammar.pieces(Substring(startLine), at: UInt8(ascii: " "))
        guard parts.count == 3, SIPGrammar.isToken(parts[0]) else { throw SIPParseError(.invalidStartLine, startLine) }
        try checkVersion(parts[2], in: startLine)
        let uri = try SIPURI(parsing: parts[1])
        // RFC 3261 §19.1.1 (table): headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
        guard uri.headers.isEmpty else { throw SIPParseError(.invalidURI, "headers in Request-URI: \(parts[1])") }
        return .request(SIPRequest(method: SIPMethod(String(parts[0])), uri: uri, headers: headers, body: body))
    }

    /// Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; Status-Code is 3DIGIT, 100–699.
    static func parseStatusLine(_ line: String, headers: SIPHeaders, body: [UInt8]) throws(SIPParseError) -> SIPResponse {
        let parts = SIPGrammar.pieces(Substring(line), at: UInt8(ascii: " "), maxSplits: 2)
        guard parts.count == 3 else { throw SIPParseError(.invalidStartLine, line) }
        try checkVersion(parts[0], in: line)
        guard parts[1].utf8.count == 3, let code = SIPGrammar.decimal(parts[1], max: 699), code >= 100 else {
            throw SIPParseError(.invalidStartLine, "bad status code in \(line)")
        }
        guard parts[2].unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F || $0 == "\t" }) else {
            throw SIPParseError(.invalidStartLine, "control character in reason phrase")
        }
        return SIPResponse(statusCode: code, reasonPhrase: String(parts[2]), headers: headers, body: body)
    }

    /// `SIP/2.0` (the "SIP" literal is case-insensitive in ABNF); another well-formed version is 505.
    static func checkVersion(_ text: Substring, in line: String) throws(SIPParseError) {
        guard startsWithVersionPrefix(text) else { throw SIPParseError(.invalidStartLine, line) }
        let number = text[text.utf8.index(text.startIndex, offsetBy: 4)...]
        if number.utf8.elementsEqual("2.0".utf8) { return }
        let pieces = SIPGrammar.pieces(number, at: UInt8(ascii: "."))
        if pieces.count == 2, pieces.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(SIPGrammar.isDigit) }) {
            throw SIPParseError(.versionNotSupported, String(text))
        }
        throw SIPParseError(.invalidStartLine, line)
    }

    /// Whether `text` starts with `SIP/`, ASCII case-insensitively.
    static func startsWithVersionPrefix(_ text: Substring) -> Bool {
        var bytes = text.utf8.makeIterator()
        for expected in "sip/".utf8 {
            guard let b = bytes.next(), SIPParameters.asciiLower(b) == expected else { return false }
        }
        return true
    }

    /// Finds the empty line that ends the header block: CRLFCRLF (or LFLF).
    static func findHeaderEnd(_ bytes: [UInt8], from start: Int) -> (headerEnd: Int, bodyStart: Int)? {
        bytes.withUnsafeBufferPointer { bytes in
            var i = start
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\n") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") { return (i, i + 2) }
                    if i + 2 < bytes.count && bytes[i + 1] == UInt8(ascii: "\r") && bytes[i + 2] == UInt8(ascii: "\n") {
                        return (i, i + 3)
                    }
                }
                i += 1
            }
            return nil
        }
    }
}
