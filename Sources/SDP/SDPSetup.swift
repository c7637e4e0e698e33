/// The `a=setup` attribute value (RFC 4145 §4), which decides the DTLS roles of a DTLS-SRTP stream
/// (RFC 5763 §5, RFC 8842 §5): `active` is the DTLS client, `passive` the DTLS server.
///
/// The DTLS target has its own `DTLSSetup` with the same raw values; this wire-format target does not
/// import it. Convert with `DTLSSetup(rawValue: setup.rawValue)`.
public enum SDPSetup: String, Hashable, Sendable, CaseIterable {
    /// The endpoint opens the connection: the DTLS client.
    case active
    /// The endpoint waits for the peer: the DTLS server.
    case passive
    /// Either; the answerer decides. A DTLS-SRTP offerer must use it (RFC 8842 §5.2).
    case actpass
    /// No connection for now (RFC 4145 §4); not usable for DTLS-SRTP (RFC 8842 §5.1).
    case holdconn

    /// Parses an attribute value, ignoring case and surrounding blanks; `nil` for anything else.
    public init?(attributeValue: some StringProtocol) {
        let tokens = attributeValue.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard tokens.count == 1 else { return nil }
        self.init(rawValue: tokens[0].lowercased())
    }

    /// The value we answer with (RFC 8842 §5.3): `actpass` is answered `active` so the handshake
    /// starts as soon as the answer is sent (RFC 5763 §5; FreeSWITCH and browsers do the same),
    /// `active` is answered `passive`, `passive` is answered `active`. A missing `a=setup` counts as
    /// `active`, the RFC 4145 §4.1 default. `nil` for `holdconn`, which a DTLS-SRTP offer must not
    /// carry (RFC 8842 §5.2).
    public static func answer(toOffer offer: SDPSetup?) -> SDPSetup? {
        switch offer ?? .active {
        case .actpass, .passive: .active
        case .active: .passive
        case .holdconn: nil
        }
    }

    /// The value the offerer takes once the answer arrives: the complement of the answerer's
    /// (RFC 8842 §5.4). `nil` unless the answer says `active` or `passive` (§5.3 allows only those).
    public static func offerer(afterAnswer answer: SDPSetup) -> SDPSetup? {
        switch answer {
        case .active: .passive
        case .passive: .active
        case .actpass, .holdconn: nil
        }
    }
}
