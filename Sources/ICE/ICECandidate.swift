import STUN

/// One ICE candidate: the value of an SDP `a=candidate` attribute (RFC 8839 §5.1).
///
/// ```
/// candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
///                       connection-address SP port SP cand-type [SP rel-addr] [SP rel-port]
///                       *(SP cand-extension)
/// cand-type           = "typ" SP ("host" / "srflx" / "prflx" / "relay" / token)
/// rel-addr            = "raddr" SP connection-address
/// rel-port            = "rport" SP port
/// cand-extension      = extension-att-name SP extension-att-value
/// ```
///
/// The connection address is kept as text: browsers hide host addresses behind mDNS names
/// (`<uuid>.local`, draft-ietf-mmusic-mdns-ice-candidates), which a server does not resolve: the peer's
/// real address is learnt from its connectivity checks (``ICELiteAgent``).
public struct ICECandidate: Hashable, Sendable, CustomStringConvertible {
    /// Bound on the attribute value we parse.
    public static let maximumLength = 1024
    /// Bound on the extension pairs we keep.
    public static let maximumExtensions = 32

    /// One `extension-att-name extension-att-value` pair (e.g. `generation 0`, `ufrag …`, `network-cost 999`,
    /// `tcptype active`), kept in order.
    public struct Extension: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var foundation: String
    public var componentID: Int
    /// As written (`udp`, `UDP`, `tcp`); compare with ``isUDP``.
    public var transport: String
    public var priority: UInt32
    /// An IPv4/IPv6 address or a host name (mDNS `.local`).
    public var address: String
    public var port: UInt16
    public var type: ICECandidateType
    public var relatedAddress: String?
    public var relatedPort: UInt16?
    public var extensions: [Extension]

    public init(
        foundation: String, componentID: Int = 1, transport: String = "udp", priority: UInt32, address: String,
        port: UInt16, type: ICECandidateType, relatedAddress: String? = nil, relatedPort: UInt16? = nil,
        extensions: [Extension] = []
    ) {
        self.foundation = foundation
        self.componentID = componentID
        self.transport = transport
        self.priority = priority
        self.address = address
        self.port = port
        self.type = type
        self.relatedAddress = relatedAddress
        self.relatedPort = relatedPort
        self.extensions = extensions
    }

    public var isUDP: Bool { transport.lowercased() == "udp" }

    /// The address as an IP, or `nil` for a host name.
    public var ipAddress: IPAddress? { IPAddress(address) }

    /// Whether the address is an mDNS name (`….local`), which we never resolve.
    public var isMDNS: Bool { address.lowercased().hasSuffix(".local") }

    /// Address and port when the address is an IP.
    public var transportAddress: TransportAddress? {
        ipAddress.map { TransportAddress(ip: $0, port: port) }
    }

    /// The value of the first extension with this name.
    public func extensionValue(_ name: String) -> String? {
        extensions.first { $0.name == name }?.value
    }

    /// RFC 8445 §5.1.2.1: `2^24 · type preference + 2^8 · local preference + (256 − component ID)`.
    public static func priority(
        type: ICECandidateType, localPreference: UInt16 = 65535, componentID: Int = 1
    ) -> UInt32 {
        let component = UInt32(min(max(componentID, 1), 256))
        return type.typePreference << 24 | UInt32(localPreference) << 8 | (256 - component)
    }

    /// Our host candidate for one component (rtcp-mux: component 1 only).
    public static func host(
        _ address: TransportAddress, componentID: Int = 1, localPreference: UInt16 = 65535
    ) -> ICECandidate {
        ICECandidate(
            foundation: foundation(type: .host, base: address.ip), componentID: componentID,
            priority: priority(type: .host, localPreference: localPreference, componentID: componentID),
            address: address.ip.description, port: address.port, type: .host)
    }

    /// A server-reflexive candidate for a configured public address (`ext-rtp-ip`), with the host candidate
    /// it maps to as `raddr`/`rport`, as FreeSWITCH advertises it (its checks arrive at the host socket).
    public static func serverReflexive(
        _ address: TransportAddress, base: TransportAddress, componentID: Int = 1, localPreference: UInt16 = 65535
    ) -> ICECandidate {
        ICECandidate(
            foundation: foundation(type: .serverReflexive, base: base.ip), componentID: componentID,
            priority: priority(type: .serverReflexive, localPreference: localPreference, componentID: componentID),
            address: address.ip.description, port: address.port, type: .serverReflexive,
            relatedAddress: base.ip.description, relatedPort: base.port)
    }

    /// RFC 8445 §5.1.1.3: equal for candidates of the same type, base IP and transport; different otherwise.
    /// A 32-bit FNV-1a of those, in decimal (ice-chars, at most 10).
    static func foundation(type: ICECandidateType, base: IPAddress) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in "\(type.rawValue)|udp|\(base)".utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return String(hash)
    }

    /// The attribute value, without the `candidate:` prefix: what follows `a=candidate:` in SDP.
    public var attributeValue: String {
        var fields = [foundation, String(componentID), transport, String(priority), address, String(port)]
        fields += ["typ", type.rawValue]
        if let relatedAddress { fields += ["raddr", relatedAddress] }
        if let relatedPort { fields += ["rport", String(relatedPort)] }
        for item in extensions { fields += [item.name, item.value] }
        return fields.joined(separator: " ")
    }

    /// The JavaScript form (`RTCIceCandidate.candidate`): `candidate:` and the attribute value.
    public var description: String { "candidate:" + attributeValue }
}
