extension SIPParser {
    /// Headers that RFC 3261 §7.3.1 does not allow to repeat (their values are not comma lists);
    /// RFC 4475 §3.3.8 and §3.3.9 show why a repeat cannot be resolved.
    /// (Content-Length has its own check, `contentLength(of:)`, as a framing error.)
    static let singleValueHeaders = ["call-id", "from", "to", "cseq", "max-forwards", "content-type", "expires", "date"]

    /// Rejects a repeated single-value header; runs before the body is cut so that the repeat, not a
    /// side effect of it, is reported.
    static func checkSingleValues(_ headers: SIPHeaders) throws(SIPParseError) {
        for key in singleValueHeaders where headers.count(ofCanonical: key) > 1 {
            throw SIPParseError(.invalidHeader, "more than one \(key) header")
        }
    }

    /// Checks (after `checkSingleValues`) what every request and response must carry and the syntax of the headers every layer
    /// reads (RFC 3261 §8.1.1, §20): Via (every element), From and To (name-addr or addr-spec), Call-ID,
    /// CSeq (32-bit number; its method equal to a request's method), Max-Forwards (0–255), Expires
    /// (32-bit), Contact (every element, or a lone `*`) and Date (RFC 1123 in GMT).
    static func validate(_ message: SIPMessage) throws(SIPParseError) {
        let headers = message.headers
        let vias = headers.values("Via")
        guard !vias.isEmpty else { throw SIPParseError(.missingHeader, "Via") }
        for value in vias {
            for element in SIPHeaders.rawElements(value) { _ = try SIPVia(parsing: String(element)) }
        }
        for name in ["From", "To"] {
            guard let value = headers[name] else { throw SIPParseError(.missingHeader, name) }
            _ = try SIPNameAddress(parsing: value)
        }
        guard let callID = headers["Call-ID"] else { throw SIPParseError(.missingHeader, "Call-ID") }
        guard !callID.isEmpty, !callID.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw SIPParseError(.invalidHeader, "Call-ID: \(callID)")
        }
        guard let cseqText = headers["CSeq"] else { throw SIPParseError(.missingHeader, "CSeq") }
        let cseq = try SIPCSeq(parsing: cseqText)
        if case .request(let request) = message, cseq.method != request.method {
            throw SIPParseError(.invalidHeader, "CSeq method \(cseq.method) differs from \(request.method)")
        }
        try checkScalars(headers)
        try checkContacts(headers)
    }

    private static func checkScalars(_ headers: SIPHeaders) throws(SIPParseError) {
        if let text = headers["Max-Forwards"], SIPGrammar.decimal(text, max: 255) == nil {
            throw SIPParseError(.invalidHeader, "Max-Forwards: \(text)")
        }
        if let text = headers["Expires"], SIPGrammar.decimal(text, max: Int(UInt32.max)) == nil {
            throw SIPParseError(.invalidHeader, "Expires: \(text)")
        }
        if let text = headers["Date"], !isRFC1123GMT(text) {
            throw SIPParseError(.invalidHeader, "Date: \(text)")
        }
    }

    private static func checkContacts(_ headers: SIPHeaders) throws(SIPParseError) {
        let values = headers.values("Contact")
        for value in values {
            for element in SIPHeaders.rawElements(value) {
                let trimmed = element.trimmingSIPWhitespaceSubstring()
                if trimmed == "*" {
                    // RFC 3261 §10.2.2: the wildcard stands alone.
                    guard values.count == 1, SIPHeaders.rawElements(value).count == 1 else {
                        throw SIPParseError(.invalidHeader, "Contact: * with other contacts")
                    }
                    continue
                }
                _ = try SIPNameAddress(parsing: String(trimmed))
            }
        }
    }

    /// SIP-date = wkday "," SP date1 SP time SP "GMT"; date1 = 2DIGIT SP month SP 4DIGIT;
    /// time = 2DIGIT ":" 2DIGIT ":" 2DIGIT (RFC 3261 §25.1: only "GMT", RFC 4475 §3.1.2.12).
    static func isRFC1123GMT(_ text: String) -> Bool {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        let weekdays: Set<Substring> = ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"]
        let months: Set<Substring> = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, weekdays.contains(parts[0]), months.contains(parts[2]), parts[5] == "GMT" else {
            return false
        }
        let digits: (Substring, Int) -> Bool = { $0.utf8.count == $1 && $0.utf8.allSatisfy(SIPGrammar.isDigit) }
        let time = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        return digits(parts[1], 2) && digits(parts[3], 4) && time.count == 3 && time.allSatisfy { digits($0, 2) }
    }
}
