internal import COpenSSL
internal import CSRTP

/// AEAD_AES_128_GCM (RFC 7714) as a libsrtp cipher type running on OpenSSL's EVP (AES-NI and carry-less
/// multiplication). libsrtp builds the 12-octet IV (RFC 7714 §8.1, §9.1) and the AAD; this seals and opens.
///
/// `decrypt` is given the ciphertext followed by the tag and reports the plaintext length; a tag that does not
/// verify is `srtp_err_status_auth_fail`.
enum AESGCMCipher {
    struct State {
        let context: OpaquePointer
        let tagLength: Int32
    }

    static let keyLength = 16
    static let saltLength = 12

    nonisolated(unsafe) static let type: UnsafeMutablePointer<srtp_cipher_type_t> = {
        let type = UnsafeMutablePointer<srtp_cipher_type_t>.allocate(capacity: 1)
        type.initialize(to: srtp_cipher_type_t(
            alloc: allocate, dealloc: deallocate, init: initialize, set_aad: setAAD, encrypt: encrypt,
            decrypt: decrypt, set_iv: setIV, get_tag: getTag, description: SelfTestVectors.string("AES-128-GCM (OpenSSL EVP)"),
            test_data: SelfTestVectors.rfc7714RTPCase, id: srtp_cipher_type_id_t(SRTP_AES_GCM_128)))
        return type
    }()

    nonisolated(unsafe) static let evpCipher: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-128-GCM", nil)

    private static let allocate: srtp_cipher_alloc_func_t = { cipherOut, keyLength, tagLength in
        guard let cipherOut, Int(keyLength) == Self.keyLength + Self.saltLength, tagLength == 8 || tagLength == 16 else {
            return srtp_err_status_bad_param
        }
        return EVPCipherInstance.allocate(
            into: cipherOut, type: type, keyLength: keyLength, algorithm: SRTP_AES_GCM_128) { State(context: $0, tagLength: tagLength) }
    }

    private static let deallocate: srtp_cipher_dealloc_func_t = { cipher in
        EVPCipherInstance.free(cipher, as: State.self) { $0.context }
    }

    /// The key is the first 16 octets; the salt after it is libsrtp's (it goes into the IV).
    private static let initialize: srtp_cipher_init_func_t = { rawState, key in
        guard let state = rawState?.assumingMemoryBound(to: State.self), let key, let evpCipher else {
            return srtp_err_status_bad_param
        }
        let status = EVP_CipherInit_ex(state.pointee.context, evpCipher, nil, key, nil, 1)
        return status == 1 ? srtp_err_status_ok : srtp_err_status_cipher_fail
    }

    private static let setIV: srtp_cipher_set_iv_func_t = { rawState, iv, direction in
        guard let state = rawState?.assumingMemoryBound(to: State.self), let iv else { return srtp_err_status_bad_param }
        let encrypting: Int32 = direction == srtp_direction_decrypt ? 0 : 1
        let status = EVP_CipherInit_ex(state.pointee.context, nil, nil, nil, iv, encrypting)
        return status == 1 ? srtp_err_status_ok : srtp_err_status_cipher_fail
    }

    /// May be called more than once per packet (SRTCP: the header, then E || index).
    private static let setAAD: srtp_cipher_set_aad_func_t = { rawState, aad, length in
        guard let state = rawState?.assumingMemoryBound(to: State.self) else { return srtp_err_status_bad_param }
        guard length > 0 else { return srtp_err_status_ok }
        var produced: Int32 = 0
        let status = EVP_CipherUpdate(state.pointee.context, nil, &produced, aad, Int32(clamping: length))
        return status == 1 ? srtp_err_status_ok : srtp_err_status_cipher_fail
    }

    private static let encrypt: srtp_cipher_encrypt_func_t = { rawState, buffer, length in
        guard let state = rawState?.assumingMemoryBound(to: State.self), let buffer, let length else {
            return srtp_err_status_bad_param
        }
        return EVPCipherInstance.update(state.pointee.context, buffer, length)
    }

    /// Finishes the encryption and writes the tag.
    private static let getTag: srtp_cipher_get_tag_func_t = { rawState, tag, length in
        guard let state = rawState?.assumingMemoryBound(to: State.self), let tag, let length else {
            return srtp_err_status_bad_param
        }
        var produced: Int32 = 0
        var scratch: (UInt64, UInt64) = (0, 0)
        let finished = withUnsafeMutableBytes(of: &scratch) { block in
            EVP_CipherFinal_ex(state.pointee.context, block.bindMemory(to: UInt8.self).baseAddress, &produced)
        }
        guard finished == 1,
            EVP_CIPHER_CTX_ctrl(state.pointee.context, EVP_CTRL_GCM_GET_TAG, state.pointee.tagLength, tag) == 1
        else { return srtp_err_status_cipher_fail }
        length.pointee = UInt32(state.pointee.tagLength)
        return srtp_err_status_ok
    }

    private static let decrypt: srtp_cipher_decrypt_func_t = { rawState, buffer, length in
        guard let state = rawState?.assumingMemoryBound(to: State.self), let buffer, let length else {
            return srtp_err_status_bad_param
        }
        let tagLength = state.pointee.tagLength
        guard length.pointee >= UInt32(tagLength) else { return srtp_err_status_bad_param }
        let cipherLength = Int32(clamping: length.pointee) - tagLength
        let context = state.pointee.context
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, tagLength, buffer + Int(cipherLength)) == 1 else {
            return srtp_err_status_auth_fail
        }
        var produced: Int32 = 0
        if cipherLength > 0 {
            guard EVP_CipherUpdate(context, buffer, &produced, buffer, cipherLength) == 1 else {
                return srtp_err_status_cipher_fail
            }
        }
        var scratch: (UInt64, UInt64) = (0, 0)
        var finalLength: Int32 = 0
        let verified = withUnsafeMutableBytes(of: &scratch) { block in
            EVP_CipherFinal_ex(context, block.bindMemory(to: UInt8.self).baseAddress, &finalLength)
        }
        guard verified == 1 else { return srtp_err_status_auth_fail }
        length.pointee = UInt32(cipherLength)
        return srtp_err_status_ok
    }
}
