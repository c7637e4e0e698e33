/// A SIP, SIPS (RFC 3261 §19.1) or tel (RFC 3966) URI.
///
/// `user`, `password` and `host` are kept as written on the wire (escapes included) so that a URI
/// re-serializes byte for byte; comparisons that RFC 3261 §19.1.4 defines live in `isEquivalent(to:)`.
public struct SIPURI: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable, Hashable {
        case sip, sips, tel
    }

    public var scheme: Scheme
    /// The userinfo user part; for `tel:` the telephone number.
    public var user: String?
    public var password: String?
    /// Host name, IPv4 address, or IPv6 reference *with* its brackets (`[::1]`). Empty for `tel:`.
    public var host: String
    public var port: Int?
    public var parameters: SIPParameters
    /// `?name=value&…` header components, as written.
    public var headers: [SIPParameters.Parameter]

    public init(
        scheme: Scheme = .sip, user: String? = nil, password: String? = nil, host: String, port: Int? = nil,
        parameters: SIPParameters = SIPParameters(), headers: [SIPParameters.Parameter] = []
    ) {
        self.scheme = scheme
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
    }

    /// The host without IPv6 brackets, as a socket API wants it.
    public var hostWithoutBrackets: String {
        if host.hasPrefix("[") && host.hasSuffix("]") { return String(host.dropFirst().dropLast()) }
        return host
    }

    /// `transport=` parameter, lower-cased.
    public var transportParameter: String? {
        parameters["transport"].flatMap { $0?.lowercased() }
    }

    public var description: String {
        var out = scheme.rawValue + ":"
        if scheme == .tel {
            out += user ?? ""
        } else {
            if let user {
                out += user
                if let password { out += ":" + password }
                out += "@"
            }
            out += host
            if let port { out += ":" + String(port) }
        }
        out += parameters.serialized
        if !headers.isEmpty {
            out += "?" + headers.map { h in h.value.map { "\(h.name)=\($0)" } ?? h.name }.joined(separator: "&")
        }
        return out
    }

    /// The `user@host` address-of-record form used as a registration key (no port, params or scheme).
    public var addressOfRecord: String {
        if let user { return "\(user)@\(host.lowercased())" }
        return host.lowercased()
    }

    public init(parsing text: String) throws(SIPParseError) {
        let s = Substring(text.trimmingSIPWhitespace())
        guard let colon = s.firstIndex(of: ":") else { throw SIPParseError(.invalidURI, text) }
        guard let scheme = Scheme(rawValue: s[..<colon].lowercased()) else {
            throw SIPParseError(.invalidURI, "unsupported scheme in \(text)")
        }
        self.scheme = scheme
        var rest = s[s.index(after: colon)...]
        self.headers = []
        if let q = rest.firstIndex(of: "?") {
            self.headers = SIPURI.parseHeaders(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if scheme == .tel {
            let semi = rest.firstIndex(of: ";") ?? rest.endIndex
            guard semi > rest.startIndex else { throw SIPParseError(.invalidURI, text) }
            self.user = String(rest[..<semi])
            self.password = nil
            self.host = ""
            self.port = nil
            self.parameters = try SIPParameters(parsing: rest[semi...])
            return
        }
        var hostPart = rest
        self.user = nil
        self.password = nil
        if let at = rest.lastIndex(of: "@") {
            let userinfo = rest[..<at]
            hostPart = rest[rest.index(after: at)...]
            guard !userinfo.isEmpty else { throw SIPParseError(.invalidURI, "empty user in \(text)") }
            if let pc = userinfo.firstIndex(of: ":") {
                self.user = String(userinfo[..<pc])
                self.password = String(userinfo[userinfo.index(after: pc)...])
            } else {
                self.user = String(userinfo)
            }
        }
        let semi = hostPart.firstIndex(of: ";") ?? hostPart.endIndex
        self.parameters = try SIPParameters(parsing: hostPart[semi...])
        let (host, port) = try SIPURI.parseHostPort(hostPart[..<semi], in: text)
        self.host = host
        self.port = port
    }

    /// Parses `host[:port]` where host may be an IPv6 reference in brackets.
    static func parseHostPort(_ text: Substring, in whole: String) throws(SIPParseError) -> (String, Int?) {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw SIPParseError(.invalidURI, "unclosed IPv6 reference in \(whole)") }
            host = text[...close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw SIPParseError(.invalidURI, whole)
            }
        } else if let c = text.firstIndex(of: ":") {
            host = text[..<c]
            portText = text[text.index(after: c)...]
        } else {
            host = text
        }
        guard !host.isEmpty, host.utf8.allSatisfy({ isHostByte($0) }) else {
            throw SIPParseError(.invalidURI, "bad host in \(whole)")
        }
        var port: Int?
        if let portText {
            guard let p = Int(portText), (0...65535).contains(p) else { throw SIPParseError(.invalidURI, "bad port in \(whole)") }
            port = p
        }
        return (String(host), port)
    }

    static func isHostByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    static func parseHeaders(_ text: Substring) -> [SIPParameters.Parameter] {
        text.split(separator: "&").map { pair in
            if let eq = pair.firstIndex(of: "=") {
                return .init(name: String(pair[..<eq]), value: String(pair[pair.index(after: eq)...]))
            }
            return .init(name: String(pair), value: nil)
        }
    }
}
