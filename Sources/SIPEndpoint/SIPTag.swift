/// Random tokens for tags (RFC 3261 §19.3: at least 32 bits of randomness) and branches.
public enum SIPTag {
    public static func random() -> String {
        var rng = SystemRandomNumberGenerator()
        let value = rng.next() as UInt64
        return String(value, radix: 36)
    }
}
