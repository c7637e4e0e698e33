/// An IPv4 or IPv6 address as a value, independent of any socket library (the STUN and ICE tiers are
/// sans-IO; the NIO shell converts to and from `SocketAddress`).
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// IPv4, the four octets in network order (192.0.2.1 is `0xC000_0201`).
    case v4(UInt32)
    /// IPv6, the sixteen octets in network order as two big-endian halves.
    case v6(high: UInt64, low: UInt64)

    /// The address family number STUN uses in (XOR-)MAPPED-ADDRESS (RFC 8489 §14.1): 0x01 or 0x02.
    public var stunFamily: UInt8 {
        switch self {
        case .v4: 0x01
        case .v6: 0x02
        }
    }

    /// The address octets in network order (4 or 16).
    public var octets: [UInt8] {
        switch self {
        case .v4(let value): (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32($0))) }
        case .v6(let high, let low):
            (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64($0))) }
                + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64($0))) }
        }
    }

    /// Builds an address from 4 or 16 octets in network order.
    public init?(octets: some Collection<UInt8>) {
        let bytes = Array(octets)
        switch bytes.count {
        case 4: self = .v4(bytes.reduce(0) { $0 << 8 | UInt32($1) })
        case 16:
            self = .v6(
                high: bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) },
                low: bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) })
        default: return nil
        }
    }

    /// Parses dotted-quad IPv4 or RFC 4291 §2.2 IPv6 text (with `::` compression and an optional
    /// embedded IPv4 tail). A zone (`%eth0`) or brackets are not accepted. Returns `nil` for host names,
    /// including mDNS `.local` names (RFC 8445 §5.1.1, draft-ietf-mmusic-mdns-ice-candidates).
    public init?(_ text: some StringProtocol) {
        if let value = Self.parseIPv4(Substring(text)) {
            self = .v4(value)
        } else if let octets = Self.parseIPv6(Substring(text)) {
            self.init(octets: octets)
        } else {
            return nil
        }
    }

    public var isIPv4: Bool {
        if case .v4 = self { true } else { false }
    }

    /// Text form: dotted quad, or RFC 5952 canonical IPv6 (lower case, longest zero run compressed).
    public var description: String {
        switch self {
        case .v4: return octets.map(String.init).joined(separator: ".")
        case .v6:
            let bytes = octets
            let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
            return Self.formatIPv6(groups)
        }
    }

    static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit), let octet = UInt8(part) else {
                return nil
            }
            value = value << 8 | UInt32(octet)
        }
        return value
    }

    private static func parseIPv6(_ text: Substring) -> [UInt8]? {
        guard text.count <= 45, text.contains(":") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = parseGroups(halves[0]) else { return nil }
        var octets = head
        if halves.count == 2 {
            guard let tail = parseGroups(halves[1]), head.count + tail.count <= 14 else { return nil }
            octets += [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
        }
        return octets.count == 16 ? octets : nil
    }

    /// Colon-separated hex groups; the last one may be a dotted-quad IPv4 address.
    private static func parseGroups(_ text: Substring) -> [UInt8]? {
        if text.isEmpty { return [] }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        var octets: [UInt8] = []
        for (index, group) in groups.enumerated() {
            if index == groups.count - 1, group.contains("."), let v4 = parseIPv4(group) {
                octets += IPAddress.v4(v4).octets
                continue
            }
            guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit), let value = UInt16(group, radix: 16)
            else { return nil }
            octets += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return octets
    }

    private static func formatIPv6(_ groups: [UInt16]) -> String {
        var best = (start: -1, length: 0)
        var run = (start: -1, length: 0)
        for (index, group) in groups.enumerated() {
            if group == 0 {
                run = run.start < 0 ? (index, 1) : (run.start, run.length + 1)
                if run.length > best.length { best = run }
            } else {
                run = (-1, 0)
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    /// Splits on a multi-character separator without Foundation.
    func components(separatedBy separator: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}
