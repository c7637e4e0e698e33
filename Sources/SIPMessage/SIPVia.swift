/// One Via element (RFC 3261 §20.42): `SIP/2.0/UDP host:port;branch=z9hG4bK…;rport`.
public struct SIPVia: Sendable, Hashable, CustomStringConvertible {
    public var transport: String
    public var host: String
    public var port: Int?
    public var parameters: SIPParameters

    /// RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this cookie.
    public static let magicCookie = "z9hG4bK"

    public init(transport: String, host: String, port: Int? = nil, parameters: SIPParameters = SIPParameters()) {
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    public var branch: String? { parameters["branch"] ?? nil }
    public var received: String? { parameters["received"] ?? nil }
    /// `nil` when absent, `.some(nil)` for a bare `;rport` (RFC 3581 §3).
    public var rport: String?? { parameters["rport"] }

    /// `host[:port]` as it appears in the Via: the sent-by used in transaction matching (RFC 3261 §17.2.3).
    public var sentBy: String {
        if let port { return "\(host.lowercased()):\(port)" }
        return host.lowercased()
    }

    public var description: String {
        var out = "SIP/2.0/\(transport) \(host)"
        if let port { out += ":\(port)" }
        return out + parameters.serialized
    }

    /// Parses one via-parm: `sent-protocol LWS sent-by *( SEMI via-params )` with LWS allowed around
    /// `/`, `:`, `;` and `=` (RFC 3261 §20.42, §25.1; RFC 4475 §3.1.1.1). Only `SIP/2.0` is accepted.
    public init(parsing text: String) throws(SIPParseError) {
        try self.init(parsing: Substring(text))
    }

    init(parsing text: Substring) throws(SIPParseError) {
        let s = text.trimmingSIPWhitespaceSubstring()
        let semi = s.firstIndex(ofASCII: UInt8(ascii: ";")) ?? s.endIndex
        let protoParts = SIPGrammar.pieces(s[..<semi], at: UInt8(ascii: "/"), maxSplits: 2)
        guard protoParts.count == 3 else { throw SIPParseError(.invalidHeader, "Via: \(text)") }
        guard SIPParameters.namesMatch(protoParts[0].trimmingSIPWhitespaceSubstring(), "SIP"),
            protoParts[1].trimmingSIPWhitespaceSubstring().utf8.elementsEqual("2.0".utf8)
        else { throw SIPParseError(.invalidHeader, "Via protocol: \(text)") }
        let tail = protoParts[2].trimmingSIPWhitespaceSubstring()
        guard let space = tail.utf8.firstIndex(where: SIPGrammar.isWhitespace) else {
            throw SIPParseError(.invalidHeader, "Via sent-by missing: \(text)")
        }
        let transport = tail[..<space]
        guard SIPGrammar.isToken(transport) else { throw SIPParseError(.invalidHeader, "Via transport: \(text)") }
        let isUpper = !transport.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        self.transport = isUpper ? String(transport) : transport.uppercased()
        do {
            (self.host, self.port) = try SIPURI.parseHostPort(SIPVia.sentBy(tail[space...]), in: s)
        } catch {
            throw SIPParseError(.invalidHeader, "Via sent-by: \(text)")
        }
        self.parameters = try SIPParameters(afterValue: s[semi...])
    }

    /// `sent-by = host [ COLON port ]` with the LWS that COLON allows removed.
    private static func sentBy(_ text: Substring) -> Substring {
        let trimmed = text.trimmingSIPWhitespaceSubstring()
        let compact = !trimmed.utf8.contains(where: SIPGrammar.isLineWhitespace)
        if text.utf8.contains(UInt8(ascii: "[")) {
            if compact && !text.utf8.contains(where: { $0 == 13 || $0 == 10 }) { return trimmed }
            return Substring(text.filter { $0 != " " && $0 != "\t" })
        }
        if compact { return trimmed }
        let parts = SIPGrammar.pieces(text, at: UInt8(ascii: ":"), maxSplits: 1)
        guard parts.count == 2 else { return trimmed }
        return Substring(parts[0].trimmingSIPWhitespaceSubstring() + ":" + parts[1].trimmingSIPWhitespaceSubstring())
    }
}
