/// A DTLS-SRTP protection profile negotiated by the `use_srtp` extension (RFC 5764 §4.1.2).
///
/// The DTLS target does not import SRTP (both are engines of the same tier), so the profile travels
/// as its IANA identifier; the SRTP side maps it with `SRTPProfile(protectionProfileID:)`.
public enum DTLSSRTPProtectionProfile: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `SRTP_AES128_CM_HMAC_SHA1_80` (RFC 5764 §4.1.2), mandatory to implement for WebRTC (RFC 8827 §6.5).
    case aes128CMHMACSHA1_80
    /// `SRTP_AEAD_AES_128_GCM` (RFC 7714 §14.2).
    case aeadAES128GCM

    /// Our preference order as a DTLS server (the server picks, RFC 5764 §4.1.1), and the order
    /// offered as a client: GCM first (faster with AES-NI and an AEAD), then the mandatory AES-CM.
    public static let defaultPreference: [DTLSSRTPProtectionProfile] = [.aeadAES128GCM, .aes128CMHMACSHA1_80]

    /// The two-octet `SRTPProtectionProfile` value: 0x0001 and 0x0007.
    public var id: UInt16 {
        switch self {
        case .aes128CMHMACSHA1_80: 0x0001
        case .aeadAES128GCM: 0x0007
        }
    }

    /// The profile's name as OpenSSL spells it in `SSL_CTX_set_tlsext_use_srtp`.
    public var name: String {
        switch self {
        case .aes128CMHMACSHA1_80: "SRTP_AES128_CM_SHA1_80"
        case .aeadAES128GCM: "SRTP_AEAD_AES_128_GCM"
        }
    }

    /// SRTP master key length in octets (RFC 5764 §4.1.2; RFC 7714 §12).
    public var masterKeyLength: Int { 16 }

    /// SRTP master salt length in octets: 112 bits for AES-CM, 96 bits for AES-GCM (RFC 7714 §12).
    public var masterSaltLength: Int {
        switch self {
        case .aes128CMHMACSHA1_80: 14
        case .aeadAES128GCM: 12
        }
    }

    /// The profile with this identifier, if we support it.
    public init?(id: UInt16) {
        guard let profile = Self.allCases.first(where: { $0.id == id }) else { return nil }
        self = profile
    }

    public var description: String { name }
}
