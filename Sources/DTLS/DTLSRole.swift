/// Which side of the DTLS handshake we take (RFC 6347 §4.2): the client sends the ClientHello.
///
/// In SDP the role follows the `a=setup` attribute (RFC 4145 §4, RFC 5763 §5, RFC 8842 §5):
/// `active` is the DTLS client, `passive` the DTLS server.
public enum DTLSRole: Sendable, Hashable, CustomStringConvertible {
    case client
    case server

    /// Our role from the `a=setup` value we put in our own SDP: `active` → client, `passive` → server.
    /// `nil` for `actpass` (not decided until the answer) and `holdconn` (no association).
    public init?(localSetup: DTLSSetup) {
        switch localSetup {
        case .active: self = .client
        case .passive: self = .server
        case .actpass, .holdconn: return nil
        }
    }

    /// Our role as the answerer: the role of the `a=setup` we answer with (``DTLSSetup/answer(toOffer:)``).
    /// A browser's `actpass` offer makes us the client, as FreeSWITCH does. `nil` for `holdconn`.
    public static func answerer(remoteOfferSetup: DTLSSetup?) -> DTLSRole? {
        DTLSRole(localSetup: DTLSSetup.answer(toOffer: remoteOfferSetup))
    }

    /// Our role as the offerer, once the answer arrives: the answerer took the other side
    /// (RFC 8842 §5.4). An answer of `active` makes us the server, `passive` the client.
    /// `nil` for an answer that is not `active` or `passive` (RFC 8842 §5.3 allows only those).
    public static func offerer(remoteAnswerSetup: DTLSSetup) -> DTLSRole? {
        switch remoteAnswerSetup {
        case .active: .server
        case .passive: .client
        case .actpass, .holdconn: nil
        }
    }

    public var description: String {
        switch self {
        case .client: "client"
        case .server: "server"
        }
    }
}

/// The SDP `a=setup` attribute value (RFC 4145 §4).
public enum DTLSSetup: String, Sendable, Hashable, CaseIterable {
    /// We open the connection: the DTLS client.
    case active
    /// We wait for the peer: the DTLS server.
    case passive
    /// Either; the answerer decides. An offerer of DTLS-SRTP must use this (RFC 8842 §5.2).
    case actpass
    /// No connection for now.
    case holdconn

    /// Parses the attribute value, ignoring case and surrounding spaces.
    public init?(attributeValue: some StringProtocol) {
        let tokens = attributeValue.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard tokens.count == 1 else { return nil }
        self.init(rawValue: tokens[0].lowercased())
    }

    /// The `a=setup` value we answer with, given the offer's value (RFC 8842 §5.3).
    ///
    /// We answer `actpass` with `active` so the DTLS handshake runs in parallel with the answer's
    /// delivery (RFC 5763 §5 recommends it; browsers and FreeSWITCH do the same). `active` is
    /// answered `passive` and `passive` `active`. An offer without `a=setup` is treated as `active`,
    /// the default of RFC 4145 §4.1. `holdconn` is answered `holdconn`.
    public static func answer(toOffer offer: DTLSSetup?) -> DTLSSetup {
        switch offer ?? .active {
        case .actpass, .passive: .active
        case .active: .passive
        case .holdconn: .holdconn
        }
    }
}
