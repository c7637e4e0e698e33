/// An ICE username fragment and password (RFC 8445 §5.3; SDP `a=ice-ufrag` / `a=ice-pwd`, RFC 8839 §5.4).
public struct ICECredentials: Hashable, Sendable, CustomStringConvertible {
    public var ufrag: String
    public var pwd: String

    public init(ufrag: String, pwd: String) {
        self.ufrag = ufrag
        self.pwd = pwd
    }

    /// `ice-char = ALPHA / DIGIT / "+" / "/"` (RFC 8839 §5.4): 64 characters, 6 bits each.
    static let iceChars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// Generated ufrag length: 8 ice-chars = 48 random bits (RFC 8445 §5.3 asks for at least 24 bits
    /// and 4 characters).
    public static let generatedUfragLength = 8
    /// Generated password length: 24 ice-chars = 144 random bits (RFC 8445 §5.3: at least 128 bits and
    /// 22 characters).
    public static let generatedPwdLength = 24

    /// Fresh random credentials. Pass a seeded generator in tests; production uses the system generator.
    public static func generate(using generator: inout some RandomNumberGenerator) -> ICECredentials {
        func random(_ count: Int) -> String {
            String((0..<count).map { _ in iceChars[Int(generator.next() & 63)] })
        }
        let ufrag = random(generatedUfragLength)
        return ICECredentials(ufrag: ufrag, pwd: random(generatedPwdLength))
    }

    /// Fresh credentials from the system's cryptographically secure generator.
    public static func generate() -> ICECredentials {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// Whether both values satisfy RFC 8839 §5.4: ufrag 4–256 and pwd 22–256 ice-chars. Check remote
    /// values from SDP with this before use.
    public var isValid: Bool {
        let valid = Set(Self.iceChars)
        return (4...256).contains(ufrag.count) && (22...256).contains(pwd.count)
            && ufrag.allSatisfy(valid.contains) && pwd.allSatisfy(valid.contains)
    }

    /// The short-term credential key for MESSAGE-INTEGRITY: the password's octets (RFC 8489 §9.1.1;
    /// ice-chars need no OpaqueString processing).
    var key: [UInt8] { Array(pwd.utf8) }

    /// The password is not printed.
    public var description: String { "ICECredentials(ufrag: \(ufrag))" }
}
