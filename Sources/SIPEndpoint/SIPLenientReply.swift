import SIPMessage

/// Builds the 400/513 answer to a request the strict parser rejected, from a tolerant reading of its
/// header lines. Returns `nil` (drop it) when the bytes are a response, not a request, or lack any of
/// the headers a response must copy.
enum SIPLenientReply {
    static func response(to bytes: [UInt8], status: Int, reason: SIPParseError) -> [UInt8]? {
        // Split on LF bytes (in Swift "\r\n" is one Character, so split the bytes, not the String).
        var lines = bytes.prefix(16_384).split(separator: 10, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 13 ? line.dropLast() : line[...], as: UTF8.self)
        }
        guard let start = lines.first, !start.hasPrefix("SIP/"), start.contains(" ") else { return nil }
        lines.removeFirst()
        var copied = SIPHeaders()
        for line in lines {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSIPWhitespace()
            let key = SIPHeaders.canonicalKey(name)
            if ["via", "from", "to", "call-id", "cseq"].contains(key) {
                copied.add(canonicalName(key), String(line[line.index(after: colon)...]).trimmingSIPWhitespace())
            }
        }
        for required in ["Via", "From", "To", "Call-ID", "CSeq"] where !copied.contains(required) { return nil }
        guard copied.topVia != nil else { return nil }
        let phrase = status == 513 ? "Message Too Large" : "Bad Request"
        var response = SIPResponse(statusCode: status, reasonPhrase: phrase, headers: copied)
        let detail = reason.description.filter { $0 != "\r" && $0 != "\n" && $0 != "\"" }.prefix(200)
        response.headers.add("Warning", "399 switchboard \"\(detail)\"")
        return response.serialized()
    }

    static func canonicalName(_ key: String) -> String {
        switch key {
        case "via": return "Via"
        case "from": return "From"
        case "to": return "To"
        case "call-id": return "Call-ID"
        default: return "CSeq"
        }
    }
}
