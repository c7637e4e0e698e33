/// The transport a SIP message travels on, spelled as in the Via header
/// (RFC 3261 §18, RFC 7118 §5 for WS/WSS).
public enum SIPTransportProtocol: String, Hashable, Sendable, CaseIterable {
    case udp = "UDP"
    case tcp = "TCP"
    case tls = "TLS"
    case ws = "WS"
    case wss = "WSS"

    /// Stream transports frame messages with Content-Length and reuse the connection for responses.
    public var isReliable: Bool { self != .udp }

    /// Transports that carry RFC 3261 `sips:` semantics.
    public var isSecure: Bool { self == .tls || self == .wss }

    /// Parses a Via transport token case-insensitively.
    public init?(viaToken: String) {
        self.init(rawValue: viaToken.uppercased())
    }
}

/// Where a message came from or goes to: the transport, the remote socket address and, for stream
/// transports, the connection that carried it (responses go back on that connection, RFC 3261 §18.2.2).
public struct SIPPeer: Hashable, Sendable, CustomStringConvertible {
    public var transport: SIPTransportProtocol
    public var host: String
    public var port: Int
    /// Identifies the stream connection for TCP/TLS/WS/WSS; `nil` for UDP.
    public var connectionID: UInt64?

    public init(transport: SIPTransportProtocol, host: String, port: Int, connectionID: UInt64? = nil) {
        self.transport = transport
        self.host = host
        self.port = port
        self.connectionID = connectionID
    }

    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(transport.rawValue.lowercased()):\(h):\(port)"
    }
}
