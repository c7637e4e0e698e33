extension SIPParser {
    /// Headers that RFC 3261 §7.3.1 does not allow to repeat (their values are not comma lists);
    /// RFC 4475 §3.3.8 and §3.3.9 show why a repeat cannot be resolved.
    /// (Content-Length has its own check, `contentLength(of:)`, as a framing error.)
    static let singleValueHeaders: [SIPHeaders.Key] = [.callID, .from, .to, .cseq, .maxForwards, .contentType, .expires, .date]

    /// Rejects a repeated single-value header; runs before the body is cut so that the repeat, not a
    /// side effect of it, is reported.
    static func checkSingleValues(_ headers: SIPHeaders) throws(SIPParseError) {
        for key in singleValueHeaders where headers.count(of: key) > 1 {
            throw SIPParseError(.invalidHeader, "more than one \(key.longName ?? "") header")
        }
    }

    /// Checks (after `checkSingleValues`) what every request and response must carry and the syntax of the headers every layer
    /// reads (RFC 3261 §8.1.1, §20): Via (every element), From and To (name-addr or addr-spec), Call-ID,
    /// CSeq (32-bit number; its method equal to a request's method), Max-Forwards (0–255), Expires
    /// (32-bit), Contact (every element, or a lone `*`) and Date (RFC 1123 in GMT). Returns the typed
    /// views it parsed on the way, for `SIPHeaders` to keep.
    static func validate(_ message: SIPMessage) throws(SIPParseError) -> SIPHeaders.ValidatedViews {
        let headers = message.headers
        let vias = try parseVias(headers)
        let from = try parseAddress(headers, .from, "From")
        let to = try parseAddress(headers, .to, "To")
        guard let callID = headers[SIPHeaders.Key.callID] else { throw SIPParseError(.missingHeader, "Call-ID") }
        guard !callID.isEmpty, !callID.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw SIPParseError(.invalidHeader, "Call-ID: \(callID)")
        }
        guard let cseqText = headers[SIPHeaders.Key.cseq] else { throw SIPParseError(.missingHeader, "CSeq") }
        let cseq = try SIPCSeq(parsing: cseqText)
        if case .request(let request) = message, cseq.method != request.method {
            throw SIPParseError(.invalidHeader, "CSeq method \(cseq.method) differs from \(request.method)")
        }
        try checkScalars(headers)
        let contacts = try parseContacts(headers)
        return SIPHeaders.ValidatedViews(vias: vias, from: from, to: to, cseq: cseq, contacts: contacts)
    }

    private static func parseVias(_ headers: SIPHeaders) throws(SIPParseError) -> [SIPVia] {
        var vias: [SIPVia] = []
        for value in headers.values(SIPHeaders.Key.via) {
            for element in SIPHeaders.rawElements(value) { vias.append(try SIPVia(parsing: element)) }
        }
        guard !vias.isEmpty else { throw SIPParseError(.missingHeader, "Via") }
        return vias
    }

    private static func parseAddress(_ headers: SIPHeaders, _ key: SIPHeaders.Key, _ name: String) throws(SIPParseError) -> SIPNameAddress {
        guard let value = headers[key] else { throw SIPParseError(.missingHeader, name) }
        return try SIPNameAddress(parsing: Substring(value))
    }

    private static func checkScalars(_ headers: SIPHeaders) throws(SIPParseError) {
        if let text = headers[SIPHeaders.Key.maxForwards], SIPGrammar.decimal(text, max: 255) == nil {
            throw SIPParseError(.invalidHeader, "Max-Forwards: \(text)")
        }
        if let text = headers[SIPHeaders.Key.expires], SIPGrammar.decimal(text, max: Int(UInt32.max)) == nil {
            throw SIPParseError(.invalidHeader, "Expires: \(text)")
        }
        if let text = headers[SIPHeaders.Key.date], !isRFC1123GMT(text) {
            throw SIPParseError(.invalidHeader, "Date: \(text)")
        }
    }

    /// Every Contact element but a lone `*`, parsed.
    private static func parseContacts(_ headers: SIPHeaders) throws(SIPParseError) -> [SIPNameAddress] {
        let values = headers.values(SIPHeaders.Key.contact)
        var contacts: [SIPNameAddress] = []
        for value in values {
            let elements = SIPHeaders.rawElements(value)
            for element in elements {
                let trimmed = element.trimmingSIPWhitespaceSubstring()
                if trimmed == "*" {
                    // RFC 3261 §10.2.2: the wildcard stands alone.
                    guard values.count == 1, elements.count == 1 else {
                        throw SIPParseError(.invalidHeader, "Contact: * with other contacts")
                    }
                    continue
                }
                contacts.append(try SIPNameAddress(parsing: trimmed))
            }
        }
        return contacts
    }

    /// SIP-date = wkday "," SP date1 SP time SP "GMT"; date1 = 2DIGIT SP month SP 4DIGIT;
    /// time = 2DIGIT ":" 2DIGIT ":" 2DIGIT (RFC 3261 §25.1: only "GMT", RFC 4475 §3.1.2.12).
    static func isRFC1123GMT(_ text: String) -> Bool {
        // Fixed layout: "Sun, 06 Nov 1994 08:49:37 GMT" (29 bytes).
        Substring(text).withBytes { bytes in
            guard bytes.count == 29 else { return false }
            func at(_ offset: Int, _ literal: StaticString) -> Bool {
                literal.withUTF8Buffer { lit in (0..<lit.count).allSatisfy { bytes[offset + $0] == lit[$0] } }
            }
            func digits(_ offsets: Int...) -> Bool { offsets.allSatisfy { SIPGrammar.isDigit(bytes[$0]) } }
            let weekday = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<4]), as: UTF8.self)
            let month = String(decoding: UnsafeBufferPointer(rebasing: bytes[8..<11]), as: UTF8.self)
            return weekdays.contains(weekday) && months.contains(month) && at(4, " ") && at(7, " ") && at(11, " ")
                && at(16, " ") && at(19, ":") && at(22, ":") && at(25, " GMT")
                && digits(5, 6, 12, 13, 14, 15, 17, 18, 20, 21, 23, 24)
        }
    }

    private static let weekdays: Set<String> = ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"]
    private static let months: Set<String> = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
