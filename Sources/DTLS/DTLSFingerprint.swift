internal import COpenSSL

/// A certificate fingerprint from the SDP `a=fingerprint` attribute (RFC 8122 §5), e.g.
/// `sha-256 AB:CD:…`. WebRTC peers authenticate their self-signed DTLS certificates with it
/// (RFC 5763 §5, RFC 8827 §6.5).
public struct DTLSFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// The hash functions of the IANA "Hash Function Textual Names" registry that are still
    /// acceptable; `md5` and `md2` are refused (RFC 8122 §5 forbids them for new use).
    public enum HashFunction: String, Sendable, Hashable, CaseIterable, Comparable {
        case sha1 = "sha-1"
        case sha224 = "sha-224"
        case sha256 = "sha-256"
        case sha384 = "sha-384"
        case sha512 = "sha-512"

        /// Digest length in octets.
        public var digestLength: Int {
            switch self {
            case .sha1: 20
            case .sha224: 28
            case .sha256: 32
            case .sha384: 48
            case .sha512: 64
            }
        }

        /// Ordered by strength, weakest first: RFC 8122 §5 has the verifier use the strongest one offered.
        public static func < (lhs: HashFunction, rhs: HashFunction) -> Bool { lhs.digestLength < rhs.digestLength }

        var evpDigest: OpaquePointer? {
            switch self {
            case .sha1: EVP_sha1()
            case .sha224: EVP_sha224()
            case .sha256: EVP_sha256()
            case .sha384: EVP_sha384()
            case .sha512: EVP_sha512()
            }
        }
    }

    public let hashFunction: HashFunction
    /// The digest of the DER-encoded certificate.
    public let digest: [UInt8]

    /// - Returns: `nil` when the digest length does not fit the hash function.
    public init?(hashFunction: HashFunction, digest: [UInt8]) {
        guard digest.count == hashFunction.digestLength else { return nil }
        self.hashFunction = hashFunction
        self.digest = digest
    }

    /// Parses an attribute value `hash-func SP fingerprint` (RFC 8122 §5). The hash function name is
    /// case-insensitive; the hex octets are upper case in the grammar, lower case is accepted too.
    public init?(attributeValue: some StringProtocol) {
        let tokens = attributeValue.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard tokens.count == 2, tokens[1].utf8.count <= 3 * 64,
              let function = HashFunction(rawValue: tokens[0].lowercased())
        else { return nil }
        var digest: [UInt8] = []
        for octet in tokens[1].split(separator: ":", omittingEmptySubsequences: false) {
            guard octet.utf8.count == 2, let value = UInt8(octet, radix: 16) else { return nil }
            digest.append(value)
        }
        self.init(hashFunction: function, digest: digest)
    }

    /// The attribute value in RFC 8122 form: `sha-256 AB:CD:…` (upper-case hex).
    public var attributeValue: String {
        let hexDigits = Array("0123456789ABCDEF")
        let octets = digest.map { String([hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 0x0F)]]) }
        return hashFunction.rawValue + " " + octets.joined(separator: ":")
    }

    public var description: String { attributeValue }

    /// The fingerprint of `certificate` (an `X509 *`) with `function`, or `nil` if OpenSSL fails.
    static func of(certificate: OpaquePointer, using function: HashFunction) -> DTLSFingerprint? {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(certificate, function.evpDigest, &digest, &length) == 1 else {
            ERR_clear_error()
            return nil
        }
        return DTLSFingerprint(hashFunction: function, digest: Array(digest.prefix(Int(length))))
    }

    /// RFC 8122 §5: take the fingerprints that use the strongest hash function offered, and accept
    /// the certificate if it matches one of them.
    /// - Returns: `nil` on a match, otherwise why not (for ``DTLSFailure``).
    static func mismatch(of certificate: OpaquePointer, against expected: [DTLSFingerprint]) -> String? {
        guard let strongest = expected.map(\.hashFunction).max() else { return "no remote fingerprint to verify against" }
        guard let actual = of(certificate: certificate, using: strongest) else {
            return "could not compute the \(strongest.rawValue) digest of the peer certificate"
        }
        let candidates = expected.filter { $0.hashFunction == strongest }
        if candidates.contains(actual) { return nil }
        return "peer certificate fingerprint \(actual) does not match the SDP a=fingerprint "
            + candidates.map(\.attributeValue).joined(separator: ", ")
    }
}
