internal import CSRTP

/// Known-answer vectors libsrtp's crypto kernel runs on a cipher or auth type before it accepts it
/// (`srtp_replace_cipher_type` / `srtp_replace_auth_type` refuse a type that fails, and keep the one they have).
/// The kernel keeps pointers to them for the life of the process, so they are allocated once and never freed.
enum SelfTestVectors {
    /// RFC 3711 Appendix B.2: the AES-CM keystream for session key 2B7E…4F3C, salt F0F1…FCFD, SSRC 0, index 0
    /// (zeros in, keystream out).
    nonisolated(unsafe) static let rfc3711KeystreamCase: UnsafePointer<srtp_cipher_test_case_t> = cipherCase(
        key: "2b7e151628aed2a6abf7158809cf4f3c" + "f0f1f2f3f4f5f6f7f8f9fafbfcfd",
        iv: "00000000000000000000000000000000",
        plaintext: String(repeating: "00", count: 48),
        ciphertext: "e03ead0935c95e80e166b16dd92b4eb4d23513162b02d0f72a43a2fe4a5f97ab41e95b3bb0a2e8dd477901e4fca894c0",
        aad: "", tagLength: 0)

    /// RFC 7714 §16.2: the RTP packet sealed with AEAD_AES_128_GCM (key 0001…0f; the salt is already in the IV);
    /// the header is the AAD, the ciphertext is followed by the 16-octet tag.
    nonisolated(unsafe) static let rfc7714RTPCase: UnsafePointer<srtp_cipher_test_case_t> = cipherCase(
        key: "000102030405060708090a0b0c0d0e0f" + String(repeating: "00", count: 12),
        iv: "51753c6580c2726f20718414",
        plaintext: "47616c6c696120657374206f6d6e697320646976697361" + "20696e207061727465732074726573",
        ciphertext: "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce",
        aad: "8040f17b8041f8d35501a0b2", tagLength: 16)

    /// RFC 2202 §3 test case 1 for HMAC-SHA1, truncated to SRTP's 80-bit tag.
    nonisolated(unsafe) static let rfc2202Case: UnsafePointer<srtp_auth_test_case_t> = {
        let key = bytes(String(repeating: "0b", count: 20))
        let data = bytes("4869205468657265")   // "Hi There"
        let tag = bytes("b617318655057264e28b")
        let vector = UnsafeMutablePointer<srtp_auth_test_case_t>.allocate(capacity: 1)
        vector.initialize(to: srtp_auth_test_case_t(
            key_length_octets: Int32(key.count), key: key.pointer, data_length_octets: Int32(data.count),
            data: data.pointer, tag_length_octets: Int32(tag.count), tag: tag.pointer, next_test_case: nil))
        return UnsafePointer(vector)
    }()

    /// A C string that lives for the process.
    static func string(_ text: String) -> UnsafePointer<CChar> {
        let characters = text.utf8CString
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: characters.count)
        characters.withUnsafeBufferPointer { buffer.initialize(from: $0.baseAddress!, count: $0.count) }
        return UnsafePointer(buffer)
    }

    private static func cipherCase(
        key: String, iv: String, plaintext: String, ciphertext: String, aad: String, tagLength: Int32
    ) -> UnsafePointer<srtp_cipher_test_case_t> {
        let key = bytes(key), iv = bytes(iv), plaintext = bytes(plaintext), ciphertext = bytes(ciphertext)
        let aad = bytes(aad)
        let vector = UnsafeMutablePointer<srtp_cipher_test_case_t>.allocate(capacity: 1)
        vector.initialize(to: srtp_cipher_test_case_t(
            key_length_octets: Int32(key.count), key: key.pointer, idx: UnsafeMutablePointer(mutating: iv.pointer),
            plaintext_length_octets: UInt32(plaintext.count), plaintext: plaintext.pointer,
            ciphertext_length_octets: UInt32(ciphertext.count), ciphertext: ciphertext.pointer,
            aad_length_octets: Int32(aad.count), aad: aad.count > 0 ? aad.pointer : nil, tag_length_octets: tagLength,
            next_test_case: nil))
        return UnsafePointer(vector)
    }

    /// Octets from hex, in memory that is never freed.
    private static func bytes(_ hex: String) -> (pointer: UnsafePointer<UInt8>, count: Int) {
        let digits = Array(hex.utf8)
        let count = digits.count / 2
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
        for index in 0..<count {
            let pair = String(decoding: digits[(2 * index)..<(2 * index + 2)], as: UTF8.self)
            buffer[index] = UInt8(pair, radix: 16) ?? 0
        }
        return (UnsafePointer(buffer), count)
    }
}
