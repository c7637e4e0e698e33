internal import CSRTP

extension SRTPContext {
    /// The AES-CM keystream of RFC 3711 §4.1.1 for a *session* key and salt, produced by a libsrtp cipher type:
    /// by default the one `protect` uses (``cryptoImplementation``), or libsrtp2's own (`srtp_aes_icm_128`).
    /// Exists so the RFC 3711 Appendix B.2 known-answer vector can be checked against both; not for packet
    /// processing.
    ///
    /// IV = (k_s · 2^16) XOR (SSRC · 2^64) XOR (i · 2^16); libsrtp XORs the salt in itself, so the
    /// nonce passed to `srtp_cipher_set_iv` carries only SSRC and index.
    static func aesCounterModeKeystream(
        sessionKey: [UInt8], sessionSalt: [UInt8], ssrc: UInt32, index: UInt64, length: Int,
        implementation: SRTPCryptoImplementation = cryptoImplementation
    ) throws(SRTPError) -> [UInt8] {
        let status = libraryInitialization
        guard status == srtp_err_status_ok.rawValue else { throw SRTPError(.initializationFailed, status: status) }
        guard sessionKey.count == 16, sessionSalt.count == 14 else { throw SRTPError(.badParameter, status: 2) }
        var cipher: UnsafeMutablePointer<srtp_cipher_t>?
        var result = srtp_cipher_type_alloc(
            implementation == .openSSL ? UnsafePointer(AESCounterModeCipher.type) : shim_srtp_aes_icm_128(), &cipher, 30, 0)
        guard result == srtp_err_status_ok, let cipher else { throw SRTPError(status: result.rawValue) }
        defer { _ = srtp_cipher_dealloc(cipher) }

        result = srtp_cipher_init(cipher, sessionKey + sessionSalt)
        guard result == srtp_err_status_ok else { throw SRTPError(status: result.rawValue) }
        var nonce = [UInt8](repeating: 0, count: 16)
        for byte in 0..<4 { nonce[4 + byte] = UInt8(truncatingIfNeeded: ssrc >> (24 - 8 * byte)) }
        for byte in 0..<6 { nonce[8 + byte] = UInt8(truncatingIfNeeded: index >> (40 - 8 * byte)) }
        result = srtp_cipher_set_iv(cipher, &nonce, Int32(srtp_direction_encrypt.rawValue))
        guard result == srtp_err_status_ok else { throw SRTPError(status: result.rawValue) }

        var keystream = [UInt8](repeating: 0, count: length)
        var count = UInt32(length)
        result = srtp_cipher_output(cipher, &keystream, &count)
        guard result == srtp_err_status_ok else { throw SRTPError(status: result.rawValue) }
        return keystream
    }
}
