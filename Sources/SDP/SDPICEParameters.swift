/// The ICE attributes of one media section as the peer wrote them (RFC 8839 §5).
///
/// Candidates are handed over as the text after `a=candidate:` (RFC 8839 §5.1) for the ICE target
/// to parse (`ICECandidate(parsing:)`); this wire-format target does not import ICE. An ICE-lite
/// server needs none of them (the peer's address comes from its checks), so `.local` mDNS names and
/// empty lists are fine.
public struct SDPICEParameters: Hashable, Sendable, CustomStringConvertible {
    /// `a=ice-ufrag` (RFC 8839 §5.4): media level, else session level.
    public var ufrag: String
    /// `a=ice-pwd` (RFC 8839 §5.4): media level, else session level.
    public var pwd: String
    /// `a=ice-options` tokens (RFC 8839 §5.6), e.g. `trickle`, `ice2`.
    public var options: [String]
    /// Session-level `a=ice-lite` (RFC 8839 §5.3).
    public var isLite: Bool
    /// Every `a=candidate` value of the section, in order.
    public var candidates: [String]
    /// `a=end-of-candidates` at media or session level (RFC 8838 §8.2).
    public var endOfCandidates: Bool

    public init(
        ufrag: String, pwd: String, options: [String] = [], isLite: Bool = false, candidates: [String] = [],
        endOfCandidates: Bool = false
    ) {
        self.ufrag = ufrag
        self.pwd = pwd
        self.options = options
        self.isLite = isLite
        self.candidates = candidates
        self.endOfCandidates = endOfCandidates
    }

    /// `ice-char = ALPHA / DIGIT / "+" / "/"`; ufrag 4–256 and pwd 22–256 of them (RFC 8839 §5.4).
    public var hasValidCredentials: Bool {
        func valid(_ s: String, _ range: ClosedRange<Int>) -> Bool {
            range.contains(s.utf8.count)
                && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A)
                    || $0 == 0x2B || $0 == 0x2F }
        }
        return valid(ufrag, 4...256) && valid(pwd, 22...256)
    }

    /// The password is not printed.
    public var description: String {
        "SDPICEParameters(ufrag: \(ufrag), options: \(options), lite: \(isLite), candidates: \(candidates.count))"
    }
}
