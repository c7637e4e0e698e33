internal import COpenSSL
internal import CSRTP

/// AES-128 in counter mode, SRTP's AES-CM (RFC 3711 §4.1.1), as a libsrtp cipher type running on OpenSSL's EVP
/// (AES-NI). libsrtp keeps the protocol (key derivation, packet index, replay window); this is only the keystream.
///
/// The key handed to `init` is the 16-octet key followed by the 14-octet salt. `set_iv` takes the 16-octet block
/// libsrtp builds from the packet (SSRC · 2^64 XOR i · 2^16) and XORs the salt (k_s · 2^16) into it; the keystream
/// is AES of that block, then of the block + 1, … (OpenSSL's CTR mode counts over all 128 bits, the same as
/// SRTP's 16-bit block counter for any packet under 1 MiB).
enum AESCounterModeCipher {
    /// Per-cipher state behind `srtp_cipher_t.state`.
    struct State {
        let context: OpaquePointer
        /// The salt followed by two zero octets (k_s · 2^16).
        var offset: (UInt64, UInt64) = (0, 0)
    }

    static let keyLength = 16
    static let saltLength = 14

    /// The function table handed to `srtp_replace_cipher_type`; lives for the process.
    nonisolated(unsafe) static let type: UnsafeMutablePointer<srtp_cipher_type_t> = {
        let type = UnsafeMutablePointer<srtp_cipher_type_t>.allocate(capacity: 1)
        type.initialize(to: srtp_cipher_type_t(
            alloc: allocate, dealloc: deallocate, init: initialize, set_aad: nil, encrypt: transform,
            decrypt: transform, set_iv: setIV, get_tag: nil, description: SelfTestVectors.string("AES-128-CM (OpenSSL EVP)"),
            test_data: SelfTestVectors.rfc3711KeystreamCase, id: srtp_cipher_type_id_t(SRTP_AES_ICM_128)))
        return type
    }()

    nonisolated(unsafe) static let evpCipher: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-128-CTR", nil)

    private static let allocate: srtp_cipher_alloc_func_t = { cipherOut, keyLength, _ in
        guard let cipherOut, Int(keyLength) == Self.keyLength + Self.saltLength else { return srtp_err_status_bad_param }
        return EVPCipherInstance.allocate(
            into: cipherOut, type: type, keyLength: keyLength, algorithm: SRTP_AES_ICM_128) { State(context: $0) }
    }

    private static let deallocate: srtp_cipher_dealloc_func_t = { cipher in
        EVPCipherInstance.free(cipher, as: State.self) { $0.context }
    }

    private static let initialize: srtp_cipher_init_func_t = { rawState, key in
        guard let state = rawState?.assumingMemoryBound(to: State.self), let key, let evpCipher else {
            return srtp_err_status_bad_param
        }
        guard EVP_CipherInit_ex(state.pointee.context, evpCipher, nil, key, nil, 1) == 1 else {
            return srtp_err_status_cipher_fail
        }
        var offset: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &offset) { block in
            block.copyMemory(from: UnsafeRawBufferPointer(start: key + Self.keyLength, count: Self.saltLength))
        }
        state.pointee.offset = offset
        return srtp_err_status_ok
    }

    private static let setIV: srtp_cipher_set_iv_func_t = { rawState, iv, _ in
        guard let state = rawState?.assumingMemoryBound(to: State.self), let iv else { return srtp_err_status_bad_param }
        let nonce = UnsafeRawPointer(iv).loadUnaligned(as: (UInt64, UInt64).self)
        var counter = (state.pointee.offset.0 ^ nonce.0, state.pointee.offset.1 ^ nonce.1)
        let status = withUnsafeBytes(of: &counter) { block in
            EVP_CipherInit_ex(state.pointee.context, nil, nil, nil, block.bindMemory(to: UInt8.self).baseAddress, 1)
        }
        return status == 1 ? srtp_err_status_ok : srtp_err_status_cipher_fail
    }

    /// Encryption and decryption are the same XOR with the keystream.
    private static let transform: srtp_cipher_encrypt_func_t = { rawState, buffer, length in
        guard let state = rawState?.assumingMemoryBound(to: State.self), let buffer, let length else {
            return srtp_err_status_bad_param
        }
        return EVPCipherInstance.update(state.pointee.context, buffer, length)
    }
}
