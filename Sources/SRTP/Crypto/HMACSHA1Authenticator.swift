internal import COpenSSL
internal import CSRTP

/// HMAC-SHA1 (RFC 2104), SRTP's message authentication (RFC 3711 §4.2.1), as a libsrtp auth type running on
/// OpenSSL's EVP_MAC. The key is set once per session key; each packet restarts from the keyed state
/// (`EVP_MAC_init` without a key), so no per-packet key schedule is computed.
/// `srtp_auth_t.state` is the `EVP_MAC_CTX` itself: there is nothing else to keep per key.
enum HMACSHA1Authenticator {
    static let digestLength = 20

    nonisolated(unsafe) static let type: UnsafeMutablePointer<srtp_auth_type_t> = {
        let type = UnsafeMutablePointer<srtp_auth_type_t>.allocate(capacity: 1)
        type.initialize(to: srtp_auth_type_t(
            alloc: allocate, dealloc: deallocate, init: initialize, compute: compute, update: update, start: start,
            description: SelfTestVectors.string("HMAC-SHA1 (OpenSSL EVP_MAC)"), test_data: SelfTestVectors.rfc2202Case,
            id: srtp_auth_type_id_t(SRTP_HMAC_SHA1)))
        return type
    }()

    nonisolated(unsafe) static let mac: OpaquePointer? = EVP_MAC_fetch(nil, "HMAC", nil)

    /// A MAC context bound to SHA-1.
    private static func makeContext() -> OpaquePointer? {
        guard let mac, let context = EVP_MAC_CTX_new(mac) else { return nil }
        let bound = "digest".withCString { name in
            "SHA1".withCString { digest in
                var parameters = [
                    OSSL_PARAM_construct_utf8_string(name, UnsafeMutablePointer(mutating: digest), 0),
                    OSSL_PARAM_construct_end(),
                ]
                return EVP_MAC_CTX_set_params(context, &parameters)
            }
        }
        guard bound == 1 else {
            EVP_MAC_CTX_free(context)
            return nil
        }
        return context
    }

    private static let allocate: srtp_auth_alloc_func = { authOut, keyLength, tagLength in
        guard let authOut, keyLength > 0, tagLength > 0, Int(tagLength) <= digestLength else {
            return srtp_err_status_bad_param
        }
        guard let context = makeContext() else { return srtp_err_status_alloc_fail }
        let auth = UnsafeMutablePointer<srtp_auth_t>.allocate(capacity: 1)
        auth.initialize(to: srtp_auth_t(
            type: UnsafePointer(type), state: UnsafeMutableRawPointer(context), out_len: tagLength, key_len: keyLength,
            prefix_len: 0))
        authOut.pointee = auth
        return srtp_err_status_ok
    }

    private static let deallocate: srtp_auth_dealloc_func = { auth in
        guard let auth else { return srtp_err_status_bad_param }
        if let state = auth.pointee.state { EVP_MAC_CTX_free(OpaquePointer(state)) }
        auth.deinitialize(count: 1)
        auth.deallocate()
        return srtp_err_status_ok
    }

    /// Keys the context and leaves it started.
    private static let initialize: srtp_auth_init_func = { rawState, key, keyLength in
        guard let context = rawState.map(OpaquePointer.init), let key, keyLength > 0 else {
            return srtp_err_status_bad_param
        }
        let status = EVP_MAC_init(context, key, Int(keyLength), nil)
        return status == 1 ? srtp_err_status_ok : srtp_err_status_auth_fail
    }

    private static let start: srtp_auth_start_func = { rawState in
        guard let context = rawState.map(OpaquePointer.init) else { return srtp_err_status_bad_param }
        return EVP_MAC_init(context, nil, 0, nil) == 1 ? srtp_err_status_ok : srtp_err_status_auth_fail
    }

    private static let update: srtp_auth_update_func = { rawState, buffer, length in
        guard let context = rawState.map(OpaquePointer.init), length >= 0 else {
            return srtp_err_status_bad_param
        }
        guard length > 0 else { return srtp_err_status_ok }
        let status = EVP_MAC_update(context, buffer, Int(length))
        return status == 1 ? srtp_err_status_ok : srtp_err_status_auth_fail
    }

    /// The last part of the message, then the first `tagLength` octets of the MAC.
    private static let compute: srtp_auth_compute_func = { rawState, buffer, length, tagLength, tag in
        guard let context = rawState.map(OpaquePointer.init), let tag, length >= 0,
            tagLength >= 0, Int(tagLength) <= digestLength
        else { return srtp_err_status_bad_param }
        if length > 0, EVP_MAC_update(context, buffer, Int(length)) != 1 { return srtp_err_status_auth_fail }
        var digest: (UInt64, UInt64, UInt32) = (0, 0, 0)
        var produced = 0
        let finished = withUnsafeMutableBytes(of: &digest) { block in
            let bytes = block.bindMemory(to: UInt8.self)
            guard EVP_MAC_final(context, bytes.baseAddress, &produced, bytes.count) == 1,
                produced >= Int(tagLength)
            else { return false }
            tag.update(from: bytes.baseAddress!, count: Int(tagLength))
            return true
        }
        return finished ? srtp_err_status_ok : srtp_err_status_auth_fail
    }
}
