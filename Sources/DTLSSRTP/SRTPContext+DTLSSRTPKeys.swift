import DTLS
import SRTP

// DTLS-SRTP glue (RFC 5764 §4.2): the keys a DTLS handshake exported become an SRTP context.
// DTLS and SRTP are engines of the same tier and do not import each other; this target joins them
// for the Server target (and later a WebRTC transport that demultiplexes ICE, DTLS and SRTP).

extension SRTPProfile {
    /// The SRTP profile for a negotiated DTLS-SRTP protection profile (RFC 5764 §4.1.2, RFC 7714 §14.2).
    public init(_ profile: DTLSSRTPProtectionProfile) {
        switch profile {
        case .aes128CMHMACSHA1_80: self = .aesCM128HMACSHA1_80
        case .aeadAES128GCM: self = .aeadAES128GCM
        }
    }
}

extension SRTPKeyingMaterial {
    /// Our write key and salt: what protects the packets we send.
    public init(local keys: DTLSSRTPKeys) {
        self.init(masterKey: keys.localMasterKey, masterSalt: keys.localMasterSalt)
    }

    /// The peer's write key and salt: what protects the packets we receive.
    public init(remote keys: DTLSSRTPKeys) {
        self.init(masterKey: keys.remoteMasterKey, masterSalt: keys.remoteMasterSalt)
    }
}

extension SRTPContext {
    /// The SRTP context of one call leg from a finished DTLS-SRTP handshake: its outbound session
    /// (`ssrc_any_outbound`) uses our write keys, its inbound session (`ssrc_any_inbound`) the peer's.
    /// Create it when a ``DTLSAssociation`` reports `.connected(keys)`.
    public convenience init(dtlsSRTPKeys keys: DTLSSRTPKeys, replayWindowSize: Int = 1024) throws(SRTPError) {
        try self.init(
            profile: SRTPProfile(keys.profile), send: SRTPKeyingMaterial(local: keys),
            receive: SRTPKeyingMaterial(remote: keys), replayWindowSize: replayWindowSize)
    }
}
