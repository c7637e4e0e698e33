extension SIPParser {
    /// Splits the header block (start line and header lines, without the empty line) into the start line
    /// and the header fields, working on bytes: one pass, two `String`s per header field (ASCII ones
    /// need no UTF-8 validation), each field's `SIPHeaders.Key` computed once here.
    ///
    /// Lines end at LF (a CR before it is dropped; bare LF is accepted). A line starting with SP or HTAB
    /// continues the previous field and is joined to it with one SP (RFC 3261 §7.3.1). `HCOLON` allows
    /// whitespace before the colon (`Via  : …`, RFC 4475 §3.1.1.1). Limits are checked as lines are seen.
    func parseHead(_ head: ArraySlice<UInt8>) throws(SIPParseError) -> (String, SIPHeaders) {
        var headers = SIPHeaders()
        headers.reserveCapacity(16)
        var startLine: String?
        var name: ArraySlice<UInt8> = []
        var value: [UInt8] = []
        value.reserveCapacity(256)
        var hasPending = false
        var lineStart = head.startIndex
        while lineStart < head.endIndex {
            var lineEnd = head[lineStart...].firstIndex(of: 10) ?? head.endIndex
            let next = lineEnd < head.endIndex ? lineEnd + 1 : lineEnd
            if lineEnd > lineStart && head[lineEnd - 1] == 13 { lineEnd -= 1 }
            defer { lineStart = next }
            guard lineEnd - lineStart <= limits.maxLineLength else {
                throw SIPParseError(.lineTooLong, "\(lineEnd - lineStart) bytes")
            }
            let line = head[lineStart..<lineEnd]
            if startLine == nil {
                guard !line.isEmpty else { throw SIPParseError(.invalidStartLine, "empty start line") }
                startLine = try SIPParser.decode(line)
                continue
            }
            if let first = line.first, SIPGrammar.isWhitespace(first) {
                guard hasPending else { throw SIPParseError(.invalidHeader, "continuation line without a header") }
                let piece = SIPParser.trimmed(line)
                if !piece.isEmpty {
                    if !value.isEmpty { value.append(0x20) }
                    value.append(contentsOf: piece)
                }
                continue
            }
            if hasPending { try flush(name, value, into: &headers) }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw SIPParseError(.invalidHeader, "header line without ':'")
            }
            name = SIPParser.trimmed(line[lineStart..<colon])
            guard !name.isEmpty, name.allSatisfy(SIPGrammar.isTokenByte) else {
                throw SIPParseError(.invalidHeader, "bad header name")
            }
            value.removeAll(keepingCapacity: true)
            value.append(contentsOf: SIPParser.trimmed(line[(colon + 1)..<lineEnd]))
            hasPending = true
        }
        if hasPending { try flush(name, value, into: &headers) }
        guard let startLine else { throw SIPParseError(.invalidStartLine, "empty start line") }
        return (startLine, headers)
    }

    private func flush(_ name: ArraySlice<UInt8>, _ value: [UInt8], into headers: inout SIPHeaders) throws(SIPParseError) {
        guard headers.count < limits.maxHeaderCount else { throw SIPParseError(.tooManyHeaders, "over \(limits.maxHeaderCount)") }
        headers.add(try SIPParser.decode(name), try SIPParser.decode(SIPParser.trimmed(value[...])))
    }

    static func decode(_ bytes: ArraySlice<UInt8>) throws(SIPParseError) -> String {
        // ASCII (nearly every header) needs no validation; the generic validating initializer is slow.
        let ascii = bytes.withUnsafeBufferPointer { buffer in
            buffer.allSatisfy { $0 < 0x80 } ? String(decoding: buffer, as: UTF8.self) : nil
        }
        if let ascii { return ascii }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw SIPParseError(.invalidEncoding, "header line is not UTF-8")
        }
        return s
    }

    /// Drops SP and HTAB at both ends.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower < upper, SIPGrammar.isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, SIPGrammar.isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return bytes[lower..<upper]
    }
}
