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

    public init(parsing text: String) throws(SIPParseError) {
        let s = Substring(text.trimmingSIPWhitespace())
        // sent-protocol = protocol-name SLASH protocol-version SLASH transport, LWS allowed around slashes.
        let semi = SIPParameters.splitOutsideQuotes(s, separator: ";")
        let head = semi[0]
        let protoParts = head.split(separator: "/", maxSplits: 2)
        guard protoParts.count == 3 else { throw SIPParseError(.invalidHeader, "Via: \(text)") }
        guard protoParts[0].trimmingSIPWhitespace().uppercased() == "SIP",
            protoParts[1].trimmingSIPWhitespace() == "2.0"
        else { throw SIPParseError(.invalidHeader, "Via protocol: \(text)") }
        let tail = protoParts[2].trimmingSIPWhitespace()
        guard let space = tail.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            throw SIPParseError(.invalidHeader, "Via sent-by missing: \(text)")
        }
        let transport = String(tail[..<space])
        guard SIPGrammar.isToken(transport) else { throw SIPParseError(.invalidHeader, "Via transport: \(text)") }
        self.transport = transport.uppercased()
        let sentBy = Substring(tail[space...].trimmingSIPWhitespace().filter { $0 != " " && $0 != "\t" })
        let (host, port) = try SIPURI.parseHostPort(sentBy, in: text)
        self.host = host
        self.port = port
        let paramText = s[head.endIndex...]
        self.parameters = try SIPParameters(parsing: paramText)
    }
}
