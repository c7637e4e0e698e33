/// An IP address and port: STUN's "transport address" (RFC 8489 §3) with the transport implied (UDP).
/// The ICE engine names peers with it; the NIO shell converts it to `SocketAddress`.
public struct TransportAddress: Hashable, Sendable, CustomStringConvertible {
    public var ip: IPAddress
    public var port: UInt16

    public init(ip: IPAddress, port: UInt16) {
        self.ip = ip
        self.port = port
    }

    /// Parses `192.0.2.1:5000` or `[2001:db8::1]:5000`.
    public init?(_ text: some StringProtocol) {
        let text = Substring(text)
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.contains(":") else { return nil }
        }
        guard let ip = IPAddress(host), portText.allSatisfy(\.isASCIIDigit), let port = UInt16(portText) else {
            return nil
        }
        self.init(ip: ip, port: port)
    }

    public var description: String {
        switch ip {
        case .v4: "\(ip):\(port)"
        case .v6: "[\(ip)]:\(port)"
        }
    }
}
