/// An SRTP protection profile: the cipher, authentication and key sizes one session uses.
///
/// Names follow RFC 5764 §4.1.2 and RFC 7714 §14.2; ``protectionProfileID`` is the DTLS `use_srtp`
/// identifier.
public enum SRTPProfile: Sendable, Hashable, CaseIterable {
    /// AES-128 counter mode with an 80-bit HMAC-SHA1 tag (RFC 3711 §4.1.1, §4.2; RFC 5764 §4.1.2).
    case aesCM128HMACSHA1_80
    /// AES-128 GCM with a 16-octet tag (RFC 7714 §14.2).
    case aeadAES128GCM

    /// Master key length in octets.
    public var masterKeyLength: Int { 16 }

    /// Master salt length in octets: 112 bits for AES-CM (RFC 3711 §8.2), 96 for GCM (RFC 7714 §12).
    public var masterSaltLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80: 14
        case .aeadAES128GCM: 12
        }
    }

    /// Octets `protect` adds to an RTP packet: the authentication tag.
    public var rtpTrailerLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80: 10
        case .aeadAES128GCM: 16
        }
    }

    /// The DTLS-SRTP protection profile id: `SRTP_AES128_CM_HMAC_SHA1_80` = 0x0001 (RFC 5764 §4.1.2),
    /// `SRTP_AEAD_AES_128_GCM` = 0x0007 (RFC 7714 §14.2).
    public var protectionProfileID: UInt16 {
        switch self {
        case .aesCM128HMACSHA1_80: 0x0001
        case .aeadAES128GCM: 0x0007
        }
    }

    /// The profile with this DTLS-SRTP protection profile id (RFC 5764 §4.1.2, RFC 7714 §14.2), if supported.
    public init?(protectionProfileID: UInt16) {
        guard let profile = Self.allCases.first(where: { $0.protectionProfileID == protectionProfileID }) else { return nil }
        self = profile
    }

    /// The name OpenSSL uses in `SSL_CTX_set_tlsext_use_srtp`.
    public var openSSLName: String {
        switch self {
        case .aesCM128HMACSHA1_80: "SRTP_AES128_CM_SHA1_80"
        case .aeadAES128GCM: "SRTP_AEAD_AES_128_GCM"
        }
    }
}

/// A master key and master salt for one direction (RFC 3711 §3.2.1).
public struct SRTPKeyingMaterial: Sendable, Hashable {
    public var masterKey: [UInt8]
    public var masterSalt: [UInt8]

    public init(masterKey: [UInt8], masterSalt: [UInt8]) {
        self.masterKey = masterKey
        self.masterSalt = masterSalt
    }

    /// Splits DTLS-SRTP exported keying material (label `EXTRACTOR-dtls_srtp`) into the client's and
    /// the server's write keys. RFC 5764 §4.2 lays it out as
    /// `client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt |
    /// server_write_SRTP_master_salt`.
    public static func fromDTLSExport(
        _ material: [UInt8], profile: SRTPProfile
    ) throws(SRTPError) -> (client: SRTPKeyingMaterial, server: SRTPKeyingMaterial) {
        let keyLength = profile.masterKeyLength
        let saltLength = profile.masterSaltLength
        guard material.count == 2 * (keyLength + saltLength) else {
            throw SRTPError(.badParameter, status: 2)
        }
        let clientKey = Array(material[0..<keyLength])
        let serverKey = Array(material[keyLength..<(2 * keyLength)])
        let clientSalt = Array(material[(2 * keyLength)..<(2 * keyLength + saltLength)])
        let serverSalt = Array(material[(2 * keyLength + saltLength)...])
        return (SRTPKeyingMaterial(masterKey: clientKey, masterSalt: clientSalt),
                SRTPKeyingMaterial(masterKey: serverKey, masterSalt: serverSalt))
    }
}
