/// A certificate fingerprint from `a=fingerprint:<hash-func> <fingerprint>` (RFC 8122 §5), e.g.
/// `sha-256 AB:CD:…`. WebRTC peers authenticate their self-signed DTLS certificates with it
/// (RFC 5763 §5, RFC 8827 §6.5).
///
/// This is the wire value only; the DTLS target verifies certificates against it
/// (`DTLSFingerprint(attributeValue: fingerprint.attributeValue)`).
public struct SDPFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The hash function's textual name from the IANA registry, lower case (`sha-256`).
    public let hashFunction: String
    /// The digest octets.
    public let digest: [UInt8]

    /// Digest lengths of the registered hash functions (RFC 8122 §5, RFC 4572 §5).
    static let digestLengths: [String: Int] = [
        "md2": 16, "md5": 16, "sha-1": 20, "sha-224": 28, "sha-256": 32, "sha-384": 48, "sha-512": 64,
    ]

    /// - Returns: `nil` when the name is not a token or the digest length does not fit a registered function.
    public init?(hashFunction: String, digest: [UInt8]) {
        let name = hashFunction.lowercased()
        guard !name.isEmpty, name.utf8.count <= 32, name.allSatisfy(Self.isTokenCharacter), !digest.isEmpty,
              digest.count <= 64, Self.digestLengths[name].map({ $0 == digest.count }) ?? true
        else { return nil }
        self.hashFunction = name
        self.digest = digest
    }

    /// Parses an attribute value: `hash-func SP 2UHEX *(":" 2UHEX)` (RFC 8122 §5). The name is
    /// case-insensitive; lower-case hex is accepted too (several stacks write it).
    public init?(attributeValue: some StringProtocol) {
        let tokens = attributeValue.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard tokens.count == 2, tokens[1].utf8.count <= 3 * 64 else { return nil }
        var digest: [UInt8] = []
        for octet in tokens[1].split(separator: ":", omittingEmptySubsequences: false) {
            guard octet.utf8.count == 2, octet.allSatisfy(\.isHexDigit), let value = UInt8(octet, radix: 16)
            else { return nil }
            digest.append(value)
        }
        self.init(hashFunction: String(tokens[0]), digest: digest)
    }

    /// The attribute value with upper-case hex, as RFC 8122 §5 writes it.
    public var attributeValue: String {
        let hex = digest.map { octet in
            let text = String(octet, radix: 16, uppercase: true)
            return octet < 16 ? "0" + text : text
        }
        return "\(hashFunction) \(hex.joined(separator: ":"))"
    }

    public var description: String { attributeValue }

    /// RFC 8866 §9 `token-char`, the characters of a hash function name.
    private static func isTokenCharacter(_ c: Character) -> Bool {
        guard c.isASCII, let v = c.asciiValue, v > 0x20, v < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".contains(c)
    }
}
