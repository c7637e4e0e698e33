/// The 96-bit transaction ID (RFC 8489 §5), chosen uniformly at random by the client.
public struct STUNTransactionID: Hashable, Sendable, CustomStringConvertible {
    /// The 12 octets in wire order.
    public let octets: [UInt8]

    /// `nil` unless exactly 12 octets are given.
    public init?(octets: some Collection<UInt8>) {
        guard octets.count == 12 else { return nil }
        self.octets = Array(octets)
    }

    /// A fresh random transaction ID (RFC 8489 §6: cryptographically random for requests).
    public static func random(using generator: inout some RandomNumberGenerator) -> STUNTransactionID {
        STUNTransactionID(unchecked: (0..<12).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A fresh random transaction ID from the system generator.
    public static func random() -> STUNTransactionID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    init(unchecked octets: [UInt8]) { self.octets = octets }

    public var description: String {
        octets.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
