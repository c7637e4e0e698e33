import SIPMessage

/// One registration binding of an address-of-record to a contact address (RFC 3261 §10.3).
public struct SIPBinding: Sendable, Equatable {
    /// The Contact URI as received (between `<` and `>`).
    public var contactURI: String
    /// When the binding lapses (absolute). A binding with `expiresAt <= now` is gone.
    public var expiresAt: UnixTime
    /// Call-ID and CSeq of the REGISTER that last set the binding (RFC 3261 §10.3 step 7).
    public var callID: String
    public var cseq: UInt32
    /// The Contact `q` value (RFC 3261 §20.10), 0…1, when given.
    public var q: Double?
    /// The other Contact header parameters (e.g. `+sip.instance`, `reg-id`), echoed in the 200 OK.
    /// `expires` and `q` are not kept here.
    public var contactParameters: SIPParameters
    /// Where the REGISTER came from, passed through for the caller (routing to NATed phones, flows).
    public var source: SIPPeer

    public init(
        contactURI: String, expiresAt: UnixTime, callID: String, cseq: UInt32, q: Double? = nil,
        contactParameters: SIPParameters = SIPParameters(), source: SIPPeer
    ) {
        self.contactURI = contactURI
        self.expiresAt = expiresAt
        self.callID = callID
        self.cseq = cseq
        self.q = q
        self.contactParameters = contactParameters
        self.source = source
    }

    public func isExpired(at now: UnixTime) -> Bool { expiresAt <= now }

    /// Seconds left at `now`, never negative.
    public func remainingSeconds(at now: UnixTime) -> Int64 { max(0, expiresAt.seconds(since: now)) }

    /// `<uri>;expires=N[;q=…][;other params]`, the Contact value of a 200 OK to REGISTER (RFC 3261 §10.3
    /// step 8: each Contact carries its remaining time in `expires`).
    public func contactHeaderValue(at now: UnixTime) -> String {
        var out = "<" + contactURI + ">;expires=" + String(remainingSeconds(at: now))
        if let q { out += ";q=" + Self.format(q: q) }
        return out + contactParameters.serialized
    }

    /// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (RFC 3261 §25.1).
    static func parse(q text: String) -> Double? {
        let utf8 = Array(text.utf8)
        guard let first = utf8.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        var thousandths = first == UInt8(ascii: "1") ? 1000 : 0
        if utf8.count > 1 {
            guard utf8[1] == UInt8(ascii: "."), utf8.count <= 5 else { return nil }
            var scale = 100
            for digit in utf8.dropFirst(2) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
                thousandths += Int(digit - UInt8(ascii: "0")) * scale
                scale /= 10
            }
            guard thousandths <= 1000 else { return nil }
        }
        return Double(thousandths) / 1000
    }

    /// Shortest qvalue text: `1`, `0`, `0.5`, `0.125`.
    static func format(q: Double) -> String {
        let thousandths = Int((min(max(q, 0), 1) * 1000).rounded())
        if thousandths == 1000 { return "1" }
        if thousandths == 0 { return "0" }
        var digits = String(thousandths)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }
}
