/// The SRTP keys a DTLS-SRTP handshake produced, already assigned to directions for our role.
///
/// Plain bytes and a profile identifier, so the Server target can hand them to the SRTP target
/// without DTLS and SRTP importing each other. `local*` protects what we send, `remote*` what we
/// receive. The description never prints key material.
public struct DTLSSRTPKeys: Sendable, Hashable, CustomStringConvertible {
    /// The profile the `use_srtp` extension selected (RFC 5764 §4.1.2).
    public let profile: DTLSSRTPProtectionProfile
    /// Our write key and salt: protect outgoing SRTP/SRTCP with these.
    public let localMasterKey: [UInt8]
    public let localMasterSalt: [UInt8]
    /// The peer's write key and salt: unprotect incoming SRTP/SRTCP with these.
    public let remoteMasterKey: [UInt8]
    public let remoteMasterSalt: [UInt8]

    /// The IANA protection profile identifier (0x0001, 0x0007), for `SRTPProfile(protectionProfileID:)`.
    public var protectionProfileID: UInt16 { profile.id }

    /// The label for `SSL_export_keying_material` (RFC 5764 §4.2).
    static let exporterLabel = "EXTRACTOR-dtls_srtp"

    /// How many octets to export: `2 * (key + salt)` (RFC 5764 §4.2).
    static func exportLength(for profile: DTLSSRTPProtectionProfile) -> Int {
        2 * (profile.masterKeyLength + profile.masterSaltLength)
    }

    /// Splits the exported keying material, laid out by RFC 5764 §4.2 as
    /// `client_write_SRTP_master_key | server_write_SRTP_master_key |
    ///  client_write_SRTP_master_salt | server_write_SRTP_master_salt`,
    /// into ours and the peer's: a DTLS client writes with the client keys, a server with the server keys.
    /// - Returns: `nil` if `material` does not have ``exportLength(for:)`` octets.
    public init?(exportedKeyingMaterial material: [UInt8], profile: DTLSSRTPProtectionProfile, role: DTLSRole) {
        let keyLength = profile.masterKeyLength, saltLength = profile.masterSaltLength
        guard material.count == Self.exportLength(for: profile) else { return nil }
        let clientKey = Array(material[0..<keyLength])
        let serverKey = Array(material[keyLength..<2 * keyLength])
        let clientSalt = Array(material[2 * keyLength..<2 * keyLength + saltLength])
        let serverSalt = Array(material[(2 * keyLength + saltLength)...])
        self.profile = profile
        switch role {
        case .client:
            (localMasterKey, localMasterSalt, remoteMasterKey, remoteMasterSalt) = (clientKey, clientSalt, serverKey, serverSalt)
        case .server:
            (localMasterKey, localMasterSalt, remoteMasterKey, remoteMasterSalt) = (serverKey, serverSalt, clientKey, clientSalt)
        }
    }

    public var description: String { "DTLSSRTPKeys(\(profile), keys redacted)" }
}
