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
        let s = text.trimmingSIPWhitespaceSubstring()
        let semi = s.firstIndex(of: ";") ?? s.endIndex
        let head = s[..<semi]
        let protoParts = head.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard protoParts.count == 3 else { throw SIPParseError(.invalidHeader, "Via: \(text)") }
        guard SIPParameters.namesMatch(protoParts[0].trimmingSIPWhitespace(), "SIP"),
            protoParts[1].trimmingSIPWhitespaceSubstring() == "2.0"
        else { throw SIPParseError(.invalidHeader, "Via protocol: \(text)") }
        let tail = protoParts[2].trimmingSIPWhitespaceSubstring()
        guard let space = tail.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            throw SIPParseError(.invalidHeader, "Via sent-by missing: \(text)")
        }
        let transport = tail[..<space]
        guard SIPGrammar.isToken(transport) else { throw SIPParseError(.invalidHeader, "Via transport: \(text)") }
        self.transport = transport.uppercased()
        // sent-by = host [ COLON port ]; COLON allows LWS on both sides.
        let sentBy = tail[space...].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let sentByText: Substring
        if tail[space...].contains("[") {
            sentByText = Substring(tail[space...].filter { $0 != " " && $0 != "\t" })
        } else if sentBy.count == 2 {
            let host = sentBy[0].trimmingSIPWhitespaceSubstring()
            let port = sentBy[1].trimmingSIPWhitespaceSubstring()
            sentByText = Substring(host + ":" + port)
        } else {
            sentByText = sentBy[0].trimmingSIPWhitespaceSubstring()
        }
        do {
            (self.host, self.port) = try SIPURI.parseHostPort(sentByText, in: s)
        } catch {
            throw SIPParseError(.invalidHeader, "Via sent-by: \(text)")
        }
        self.parameters = try SIPParameters(afterValue: s[semi...])
    }
}
