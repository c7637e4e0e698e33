/// The `o=` line (RFC 8866 §5.2):
/// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`.
public struct SDPOrigin: Hashable, Sendable {
    public var username: String
    /// Kept as text: RFC 8866 only requires a numeric string, which may exceed 64 bits.
    public var sessionID: String
    /// RFC 3264 §8: incremented by exactly one for each new offer/answer that changes the SDP.
    public var sessionVersion: UInt64
    public var networkType: String
    public var addressType: String
    public var unicastAddress: String

    public init(
        username: String = "-", sessionID: String, sessionVersion: UInt64,
        networkType: String = "IN", addressType: String = "IP4", unicastAddress: String
    ) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.networkType = networkType
        self.addressType = addressType
        self.unicastAddress = unicastAddress
    }

    init?(parsing value: Substring) {
        let f = value.split(separator: " ", omittingEmptySubsequences: true)
        // sess-id should be numeric (RFC 8866 §5.2) but is kept as an opaque token for interop;
        // sess-version must be numeric because offer/answer compares it (RFC 3264 §8).
        guard f.count == 6, let version = UInt64(f[2]) else { return nil }
        self.init(
            username: String(f[0]), sessionID: String(f[1]), sessionVersion: version,
            networkType: String(f[3]), addressType: String(f[4]), unicastAddress: String(f[5]))
    }

    func serialize() -> String {
        "\(username) \(sessionID) \(sessionVersion) \(networkType) \(addressType) \(unicastAddress)"
    }
}
