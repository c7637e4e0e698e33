/// A SIP or SIPS URI (RFC 3261 §19.1), a tel URI (RFC 3966), or any other absolute URI kept opaque
/// (RFC 3261 §19.1.1 allows `absoluteURI` in the Request-URI and in name-addr; RFC 4475 §3.3.2–§3.3.4).
///
/// `user`, `password`, `host` and parameters are kept as written on the wire (`%` escapes included) so
/// that a URI re-serializes byte for byte; only the scheme is folded to lower case (schemes are
/// case-insensitive, RFC 3986 §3.1).
public struct SIPURI: Sendable, Hashable, CustomStringConvertible {
    /// A URI scheme: `sip`, `sips`, `tel` or any other `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
    public struct Scheme: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// Always lower case.
        public let rawValue: String

        public init(rawValue: String) {
            let isLower = !rawValue.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } && rawValue.utf8.allSatisfy { $0 < 0x80 }
            self.rawValue = isLower ? rawValue : rawValue.lowercased()
        }

        public static let sip = Scheme(rawValue: "sip")
        public static let sips = Scheme(rawValue: "sips")
        public static let tel = Scheme(rawValue: "tel")

        /// `sip` or `sips`: the schemes whose structure (userinfo, host, params, headers) is parsed.
        public var isSIP: Bool { self == .sip || self == .sips }

        public var description: String { rawValue }

        /// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        static func isValid<S: StringProtocol>(_ s: S) -> Bool {
            guard let first = s.utf8.first, SIPGrammar.isAlphaNum(first), !SIPGrammar.isDigit(first) else { return false }
            return s.utf8.allSatisfy {
                SIPGrammar.isAlphaNum($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
            }
        }
    }

    public var scheme: Scheme
    /// The userinfo user part; for `tel:` the telephone number.
    public var user: String?
    public var password: String?
    /// Host name, IPv4 address, or IPv6 reference *with* its brackets (`[::1]`). Empty for other schemes.
    public var host: String
    public var port: Int?
    public var parameters: SIPParameters
    /// `?name=value&…` header components, as written.
    public var headers: [SIPParameters.Parameter]
    /// For schemes other than sip, sips and tel: everything after `scheme:`, as written.
    public var opaque: String?

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
        self.opaque = nil
    }

    /// An absolute URI of a scheme this stack does not interpret (`http:`, `isbn:`, `urn:`…).
    public init(scheme: Scheme, opaque: String) {
        self.init(scheme: scheme, host: "")
        self.opaque = opaque
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
        if let opaque { return out + opaque }
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
        if let opaque { return opaque }
        if let user { return "\(user)@\(host.lowercased())" }
        return host.lowercased()
    }

    /// Parses a URI strictly: no whitespace anywhere (RFC 4475 §3.1.2.8, §3.1.2.14), a valid scheme,
    /// and for sip/sips the full RFC 3261 §19.1.1 structure with `%` escapes checked but kept.
    public init(parsing text: String) throws(SIPParseError) {
        try self.init(parsing: Substring(text))
    }

    init(parsing s: Substring) throws(SIPParseError) {
        let isClean = s.withBytes { bytes in
            bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "\"") }
        }
        guard !s.isEmpty, isClean else { throw SIPParseError(.invalidURI, "illegal character in URI '\(s)'") }
        guard let colon = s.firstIndex(ofASCII: UInt8(ascii: ":")), Scheme.isValid(s[..<colon]) else {
            throw SIPParseError(.invalidURI, "no scheme in '\(s)'")
        }
        let scheme = Scheme(rawValue: String(s[..<colon]))
        let rest = s[s.indexAfterASCII(colon)...]
        self.init(scheme: scheme, host: "")
        if scheme.isSIP {
            try parseSIP(rest)
        } else if scheme == .tel {
            let semi = rest.firstIndex(ofASCII: UInt8(ascii: ";")) ?? rest.endIndex
            guard semi > rest.startIndex else { throw SIPParseError(.invalidURI, "empty telephone number") }
            self.user = String(rest[..<semi])
            if semi < rest.endIndex { self.parameters = try SIPParameters.uriParameters(rest[rest.indexAfterASCII(semi)...]) }
        } else {
            guard !rest.isEmpty else { throw SIPParseError(.invalidURI, "empty \(scheme) URI") }
            self.opaque = String(rest)
        }
    }

    /// `[ userinfo ] hostport uri-parameters [ headers ]` (RFC 3261 §19.1.1).
    private mutating func parseSIP(_ rest: Substring) throws(SIPParseError) {
        var hostPart = rest
        if let at = rest.firstIndex(ofASCII: UInt8(ascii: "@")) {
            let userinfo = rest[..<at]
            hostPart = rest[rest.indexAfterASCII(at)...]
            let user: Substring
            if let pc = userinfo.firstIndex(ofASCII: UInt8(ascii: ":")) {
                user = userinfo[..<pc]
                let password = userinfo[userinfo.indexAfterASCII(pc)...]
                // password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
                guard SIPGrammar.isEscapedText(password, extra: "&=+$,") else {
                    throw SIPParseError(.invalidURI, "bad password in URI")
                }
                self.password = String(password)
            } else {
                user = userinfo
            }
            // user = 1*( unreserved / escaped / user-unreserved ); user-unreserved = & = + $ , ; ? /
            guard !user.isEmpty, SIPGrammar.isEscapedText(user, extra: "&=+$,;?/") else {
                throw SIPParseError(.invalidURI, "bad user part in URI")
            }
            self.user = String(user)
        }
        if let q = hostPart.firstIndex(ofASCII: UInt8(ascii: "?")) {
            self.headers = try SIPURI.parseHeaders(hostPart[hostPart.indexAfterASCII(q)...])
            hostPart = hostPart[..<q]
        }
        if let semi = hostPart.firstIndex(ofASCII: UInt8(ascii: ";")) {
            self.parameters = try SIPParameters.uriParameters(hostPart[hostPart.indexAfterASCII(semi)...])
            hostPart = hostPart[..<semi]
        }
        (self.host, self.port) = try SIPURI.parseHostPort(hostPart, in: rest)
    }

    /// Parses `host[:port]` where host may be an IPv6 reference in brackets (`[2001:db8::10]:5070`).
    static func parseHostPort(_ text: Substring, in whole: Substring) throws(SIPParseError) -> (String, Int?) {
        var host = text
        var portText: Substring?
        if text.startsWithASCII(UInt8(ascii: "[")) {
            guard let close = text.firstIndex(ofASCII: UInt8(ascii: "]")) else { throw SIPParseError(.invalidURI, "unclosed IPv6 reference in \(whole)") }
            host = text[...close]
            let after = text[text.indexAfterASCII(close)...]
            if after.startsWithASCII(UInt8(ascii: ":")) {
                portText = after[after.indexAfterASCII(after.startIndex)...]
            } else if !after.isEmpty {
                throw SIPParseError(.invalidURI, "junk after IPv6 reference in \(whole)")
            }
        } else if let c = text.firstIndex(ofASCII: UInt8(ascii: ":")) {
            host = text[..<c]
            portText = text[text.indexAfterASCII(c)...]
        }
        guard SIPGrammar.isHost(host) else { throw SIPParseError(.invalidURI, "bad host in \(whole)") }
        var port: Int?
        if let portText {
            guard let p = SIPGrammar.decimal(portText, max: 65_535) else { throw SIPParseError(.invalidURI, "bad port in \(whole)") }
            port = p
        }
        return (String(host), port)
    }

    /// headers = hname "=" hvalue *( "&" hname "=" hvalue ); hnv-unreserved = [ ] / ? : + $
    static func parseHeaders(_ text: Substring) throws(SIPParseError) -> [SIPParameters.Parameter] {
        var result: [SIPParameters.Parameter] = []
        for pair in SIPGrammar.pieces(text, at: UInt8(ascii: "&")) {
            let name: Substring
            var value: Substring?
            if let eq = pair.firstIndex(ofASCII: UInt8(ascii: "=")) {
                name = pair[..<eq]
                value = pair[pair.indexAfterASCII(eq)...]
            } else {
                name = pair
            }
            guard !name.isEmpty, SIPGrammar.isEscapedText(name, extra: "[]/?:+$"),
                SIPGrammar.isEscapedText(value ?? "", extra: "[]/?:+$")
            else { throw SIPParseError(.invalidURI, "bad URI header '\(pair)'") }
            result.append(.init(name: String(name), value: value.map(String.init)))
        }
        return result
    }
}
