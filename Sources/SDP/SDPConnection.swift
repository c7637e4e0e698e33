/// The `c=` line (RFC 8866 §5.7): `c=<nettype> <addrtype> <connection-address>`.
public struct SDPConnection: Hashable, Sendable {
    public var networkType: String
    public var addressType: String
    /// Address, possibly with `/ttl` or `/ttl/count` suffixes for multicast; kept verbatim.
    public var address: String

    public init(networkType: String = "IN", addressType: String = "IP4", address: String) {
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
    }

    init?(parsing value: Substring) {
        let f = value.split(separator: " ", omittingEmptySubsequences: true)
        guard f.count == 3 else { return nil }
        self.init(networkType: String(f[0]), addressType: String(f[1]), address: String(f[2]))
    }

    /// The address without multicast `/ttl/count` suffixes.
    public var host: String {
        String(address.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// RFC 3264 §8.4 (RFC 2543 legacy hold): a connection address of `0.0.0.0` means "do not send".
    public var isNullAddress: Bool { host == "0.0.0.0" || host == "::" }

    func serialize() -> String { "\(networkType) \(addressType) \(address)" }
}
