/// Dial-string prefix → endpoint.
public struct EndpointRegistry: Sendable {
    private var endpoints: [String: any Endpoint] = [:]

    public init() {}

    public mutating func register(_ endpoint: any Endpoint) {
        endpoints[endpoint.name] = endpoint
    }

    /// Splits `user/1000@example.com` into the `user` endpoint and `1000@example.com`.
    /// Nil when there is no `/` or no endpoint with that prefix (FreeSWITCH then fails with
    /// CHAN_NOT_IMPLEMENTED).
    public func resolve(_ dialString: String) -> (endpoint: any Endpoint, destination: String)? {
        guard let slash = dialString.firstIndex(of: "/") else { return nil }
        let prefix = String(dialString[..<slash])
        guard let endpoint = endpoints[prefix] else { return nil }
        return (endpoint, String(dialString[dialString.index(after: slash)...]))
    }

    public var names: [String] { endpoints.keys.sorted() }
}
