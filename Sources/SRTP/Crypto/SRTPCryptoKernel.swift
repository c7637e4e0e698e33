internal import CSRTP

/// Which implementation runs SRTP's ciphers and MAC inside libsrtp2.
///
/// Debian's libsrtp2 is built against NSS, which goes through a PKCS#11 session for every packet: about 5 µs to
/// protect a packet with AES-CM + HMAC-SHA1, and most of that is the PKCS#11 layer, not AES. libsrtp2's crypto
/// kernel lets an application replace a cipher or auth type; we hand it AES-128-CM, AEAD_AES_128_GCM and HMAC-SHA1
/// on OpenSSL's EVP (the library the DTLS handshake already uses). libsrtp2 keeps everything else: key derivation,
/// packet index and rollover counter, replay window, SRTCP. The kernel runs each replacement's known-answer vectors
/// before accepting it and keeps its own type when one fails, so a broken OpenSSL can only cost speed.
public enum SRTPCryptoImplementation: String, Sendable {
    /// libsrtp2's own crypto (NSS on Debian).
    case library
    /// OpenSSL EVP types installed into libsrtp2's crypto kernel.
    case openSSL
}

enum SRTPCryptoKernel {
    /// Replaces the three types (after `srtp_init`, before any session exists). `.openSSL` when all three were
    /// accepted; any that failed its self-test stays libsrtp2's own.
    static func installOpenSSL() -> SRTPCryptoImplementation {
        let counterMode = srtp_replace_cipher_type(AESCounterModeCipher.type, srtp_cipher_type_id_t(SRTP_AES_ICM_128))
        let gcm = srtp_replace_cipher_type(AESGCMCipher.type, srtp_cipher_type_id_t(SRTP_AES_GCM_128))
        let hmac = srtp_replace_auth_type(HMACSHA1Authenticator.type, srtp_auth_type_id_t(SRTP_HMAC_SHA1))
        let all = [counterMode, gcm, hmac].allSatisfy { $0 == srtp_err_status_ok }
        return all ? .openSSL : .library
    }
}
