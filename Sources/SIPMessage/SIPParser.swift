/// Parses one complete SIP message from bytes (RFC 3261 §7). For datagrams the bytes are the whole
/// datagram; stream transports cut messages out first with `SIPStreamFramer`.
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

    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Parses a complete message. On a datagram a Content-Length smaller than the body truncates the
    /// body (RFC 3261 §18.3); a larger one is an error.
    public func parse(_ bytes: [UInt8]) throws(SIPParseError) -> SIPMessage {
        guard bytes.count <= limits.maxMessageSize else {
            throw SIPParseError(.messageTooLarge, "\(bytes.count) bytes")
        }
        guard let headEnd = SIPParser.findHeaderEnd(bytes, from: 0) else {
            throw SIPParseError(.truncated, "no empty line after the headers")
        }
        let lines = try splitLines(bytes[0..<headEnd.headerEnd])
        guard let startLine = lines.first, !startLine.isEmpty else {
            throw SIPParseError(.invalidStartLine, "empty start line")
        }
        let headers = try parseHeaders(lines.dropFirst())
        var body = Array(bytes[headEnd.bodyStart...])
        if let lengthText = headers["Content-Length"] {
            guard let length = Int(lengthText.trimmingSIPWhitespace()), length >= 0 else {
                throw SIPParseError(.invalidContentLength, lengthText)
            }
            guard length <= body.count else {
                throw SIPParseError(.invalidContentLength, "Content-Length \(length) > \(body.count) body bytes")
            }
            body = Array(body.prefix(length))
        }
        return try SIPParser.makeMessage(startLine: startLine, headers: headers, body: body)
    }

    static func makeMessage(startLine: String, headers: SIPHeaders, body: [UInt8]) throws(SIPParseError) -> SIPMessage {
        if startLine.hasPrefix("SIP/") {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            let parts = startLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0] == "SIP/2.0", parts[1].count == 3, let code = Int(parts[1]),
                (100...699).contains(code)
            else { throw SIPParseError(.invalidStartLine, startLine) }
            let reason = parts.count == 3 ? String(parts[2]) : ""
            return .response(SIPResponse(statusCode: code, reasonPhrase: reason, headers: headers, body: body))
        }
        // Request-Line = Method SP Request-URI SP SIP-Version
        let parts = startLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, SIPGrammar.isToken(parts[0]) else { throw SIPParseError(.invalidStartLine, startLine) }
        guard parts[2] == "SIP/2.0" else { throw SIPParseError(.invalidStartLine, "unsupported version in \(startLine)") }
        let uri = try SIPURI(parsing: String(parts[1]))
        return .request(SIPRequest(method: SIPMethod(String(parts[0])), uri: uri, headers: headers, body: body))
    }

    /// Splits the header block into lines at CRLF (bare LF is accepted), enforcing the line limit.
    func splitLines(_ head: ArraySlice<UInt8>) throws(SIPParseError) -> [String] {
        var lines: [String] = []
        var start = head.startIndex
        var i = head.startIndex
        while i < head.endIndex {
            if head[i] == UInt8(ascii: "\n") {
                var end = i
                if end > start && head[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                guard end - start <= limits.maxLineLength else { throw SIPParseError(.lineTooLong) }
                lines.append(try SIPParser.decodeLine(head[start..<end]))
                start = i + 1
            }
            i += 1
        }
        if start < head.endIndex {
            guard head.endIndex - start <= limits.maxLineLength else { throw SIPParseError(.lineTooLong) }
            lines.append(try SIPParser.decodeLine(head[start..<head.endIndex]))
        }
        return lines
    }

    static func decodeLine(_ bytes: ArraySlice<UInt8>) throws(SIPParseError) -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw SIPParseError(.invalidEncoding, "header line is not UTF-8")
        }
        return s
    }

    /// Unfolds continuation lines (RFC 3261 §7.3.1) and splits `name: value`.
    func parseHeaders(_ lines: ArraySlice<String>) throws(SIPParseError) -> SIPHeaders {
        var headers = SIPHeaders()
        var pending: (name: String, value: String)?
        for line in lines {
            if let first = line.first, first == " " || first == "\t" {
                guard pending != nil else { throw SIPParseError(.invalidHeader, "continuation line without a header") }
                pending!.value += " " + line.trimmingSIPWhitespace()
                continue
            }
            if let p = pending { headers.add(p.name, p.value.trimmingSIPWhitespace()) }
            guard let colon = line.firstIndex(of: ":") else { throw SIPParseError(.invalidHeader, line) }
            let name = line[..<colon].trimmingSIPWhitespace()
            guard SIPGrammar.isToken(name) else { throw SIPParseError(.invalidHeader, "bad header name in \(line)") }
            pending = (name, String(line[line.index(after: colon)...]))
            guard headers.count < limits.maxHeaderCount else { throw SIPParseError(.tooManyHeaders) }
        }
        if let p = pending { headers.add(p.name, p.value.trimmingSIPWhitespace()) }
        return headers
    }

    /// Finds the empty line that ends the header block: CRLFCRLF (or LFLF).
    static func findHeaderEnd(_ bytes: [UInt8], from start: Int) -> (headerEnd: Int, bodyStart: Int)? {
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
