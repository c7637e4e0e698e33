internal import COpenSSL
internal import CSRTP

/// What both OpenSSL cipher types keep per `srtp_cipher_t`: the EVP context and their own state, allocated and freed
/// the way libsrtp2 expects (`alloc` hands back the cipher, `dealloc` frees everything it made).
enum EVPCipherInstance {
    /// A new `srtp_cipher_t` whose `state` points at `make(context)`, with a fresh EVP context.
    static func allocate<State>(
        into cipherOut: UnsafeMutablePointer<srtp_cipher_pointer_t?>, type: UnsafeMutablePointer<srtp_cipher_type_t>,
        keyLength: Int32, algorithm: Int32, _ make: (OpaquePointer) -> State
    ) -> srtp_err_status_t {
        guard let context = EVP_CIPHER_CTX_new() else { return srtp_err_status_alloc_fail }
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: make(context))
        let cipher = UnsafeMutablePointer<srtp_cipher_t>.allocate(capacity: 1)
        cipher.initialize(to: srtp_cipher_t(
            type: UnsafePointer(type), state: UnsafeMutableRawPointer(state), key_len: keyLength, algorithm: algorithm))
        cipherOut.pointee = cipher
        return srtp_err_status_ok
    }

    /// Frees the EVP context (`context(state)`), the state and the cipher made by ``allocate(into:type:keyLength:algorithm:_:)``.
    static func free<State>(
        _ cipher: UnsafeMutablePointer<srtp_cipher_t>?, as _: State.Type, context: (State) -> OpaquePointer
    ) -> srtp_err_status_t {
        guard let cipher else { return srtp_err_status_bad_param }
        if let state = cipher.pointee.state?.assumingMemoryBound(to: State.self) {
            EVP_CIPHER_CTX_free(context(state.pointee))
            state.deinitialize(count: 1)
            state.deallocate()
        }
        cipher.deinitialize(count: 1)
        cipher.deallocate()
        return srtp_err_status_ok
    }

    /// `length` octets of `buffer` through the context in place (CTR: XOR with the keystream; GCM: the payload),
    /// `length` set to what came out.
    static func update(_ context: OpaquePointer, _ buffer: UnsafeMutablePointer<UInt8>, _ length: UnsafeMutablePointer<UInt32>)
        -> srtp_err_status_t
    {
        guard length.pointee > 0 else { return srtp_err_status_ok }
        var produced: Int32 = 0
        guard EVP_CipherUpdate(context, buffer, &produced, buffer, Int32(clamping: length.pointee)) == 1 else {
            return srtp_err_status_cipher_fail
        }
        length.pointee = UInt32(produced)
        return srtp_err_status_ok
    }
}
