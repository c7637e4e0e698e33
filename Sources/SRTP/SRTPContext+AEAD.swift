internal import CSRTP

extension SRTPContext {
    /// AEAD_AES_128_GCM (RFC 7714 §5, §7) with a *session* key and a ready-made 12-octet IV, run by a libsrtp
    /// cipher type: by default the one `protect` uses for ``SRTPProfile/aeadAES128GCM``
    /// (``cryptoImplementation``), or libsrtp2's own (`srtp_aes_gcm_128`).
    /// Exists so the RFC 7714 §16–17 vectors, which are given on session keys, can be checked against
    /// the library; not for packet processing.
    ///
    /// Encrypting returns ciphertext followed by the 16-octet tag; decrypting takes that and returns
    /// the plaintext, or throws `.authenticationFailed`.
    static func aesGCM128(
        encrypt: Bool, sessionKey: [UInt8], iv: [UInt8], aad: [UInt8], input: [UInt8],
        implementation: SRTPCryptoImplementation = cryptoImplementation
    ) throws(SRTPError) -> [UInt8] {
        let status = libraryInitialization
        guard status == srtp_err_status_ok.rawValue else { throw SRTPError(.initializationFailed, status: status) }
        guard sessionKey.count == 16, iv.count == 12, encrypt || input.count >= 16 else {
            throw SRTPError(.badParameter, status: srtp_err_status_bad_param.rawValue)
        }
        var cipher: UnsafeMutablePointer<srtp_cipher_t>?
        // Key length 28 = key + 96-bit salt (SRTP_AES_GCM_128_KEY_LEN_WSALT); the cipher uses the first 16.
        var result = srtp_cipher_type_alloc(
            implementation == .openSSL ? UnsafePointer(AESGCMCipher.type) : shim_srtp_aes_gcm_128(), &cipher, 28, 16)
        guard result == srtp_err_status_ok, let cipher else { throw SRTPError(status: result.rawValue) }
        defer { _ = srtp_cipher_dealloc(cipher) }

        result = srtp_cipher_init(cipher, sessionKey + [UInt8](repeating: 0, count: 12))
        guard result == srtp_err_status_ok else { throw SRTPError(status: result.rawValue) }
        var nonce = iv
        let direction = encrypt ? srtp_direction_encrypt : srtp_direction_decrypt
        result = srtp_cipher_set_iv(cipher, &nonce, Int32(direction.rawValue))
        guard result == srtp_err_status_ok else { throw SRTPError(status: result.rawValue) }
        result = srtp_cipher_set_aad(cipher, aad, UInt32(aad.count))
        guard result == srtp_err_status_ok else { throw SRTPError(status: result.rawValue) }

        var buffer = input + [UInt8](repeating: 0, count: 16)   // room for the tag
        var length = UInt32(input.count)
        result = encrypt ? srtp_cipher_encrypt(cipher, &buffer, &length) : srtp_cipher_decrypt(cipher, &buffer, &length)
        guard result == srtp_err_status_ok else { throw SRTPError(status: result.rawValue) }
        guard encrypt else { return Array(buffer.prefix(Int(length))) }
        var tag = [UInt8](repeating: 0, count: 16)
        var tagLength = UInt32(tag.count)
        result = srtp_cipher_get_tag(cipher, &tag, &tagLength)
        guard result == srtp_err_status_ok else { throw SRTPError(status: result.rawValue) }
        return Array(buffer.prefix(Int(length))) + tag.prefix(Int(tagLength))
    }
}
