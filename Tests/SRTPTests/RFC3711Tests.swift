import Testing
@testable import SRTP

/// RFC 3711 Appendix B vectors and the libsrtp reference packet built on them.
@Suite struct RFC3711Tests {
    /// Appendix B.2: AES-CM keystream for session key 2B7E…, salt F0F1…FD, SSRC 0, index 0.
    ///
    /// The appendix's key and salt are *session* keys, while `protect` takes master keys and runs
    /// the B.3 key derivation first, so the vector is checked on libsrtp's AES-ICM cipher (the
    /// transform `protect` uses) directly, on both implementations: the OpenSSL type `protect` runs and libsrtp2's
    /// own. The protect path is covered by `b3...` below.
    @Test(arguments: [SRTPCryptoImplementation.openSSL, .library])
    func b2KeystreamSegmentMatches(implementation: SRTPCryptoImplementation) throws {
        let keystream = try SRTPContext.aesCounterModeKeystream(
            sessionKey: hex("2B7E151628AED2A6ABF7158809CF4F3C"),
            sessionSalt: hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"),
            ssrc: 0, index: 0, length: 1_044_512, implementation: implementation)   // 65282 AES blocks
        #expect(Array(keystream[0..<48]) == hex("""
            E03EAD0935C95E80E166B16DD92B4EB4
            D23513162B02D0F72A43A2FE4A5F97AB
            41E95B3BB0A2E8DD477901E4FCA894C0
            """))
        #expect(Array(keystream[(keystream.count - 48)...]) == hex("""
            EC8CDF7398607CB0F2D21675EA9EA1E4
            362B7C3C6773516318A077D7FC5073AE
            6A2CC3787889374FBEB4C81B17BA6C44
            """))
    }

    private let b3Master = SRTPKeyingMaterial(
        masterKey: hex("E1F97A0D3E018BE0D64FA32C06DE4139"),
        masterSalt: hex("0EC675AD498AFEEBB6960B3AABE6"))

    /// Appendix B.3 key derivation, observed through `protect`: with the B.3 master key and salt, the
    /// payload of a protected all-zero packet must be the AES-CM keystream (§4.1.1) of the B.3
    /// derived cipher key C61E7A93… and cipher salt 30CBBC08… at that packet's SSRC and index.
    @Test func b3DerivedSessionKeysDriveProtect() throws {
        let context = try SRTPContext(profile: .aesCM128HMACSHA1_80, send: b3Master, receive: b3Master)
        let ssrc: UInt32 = 0xCAFE_BABE
        let sequence: UInt16 = 0x1234
        let header: [UInt8] = [0x80, 0x0F, 0x12, 0x34, 0xDE, 0xCA, 0xFB, 0xAD, 0xCA, 0xFE, 0xBA, 0xBE]
        let protected = try context.protect(header + [UInt8](repeating: 0, count: 64))
        #expect(protected.count == 12 + 64 + 10)
        let expected = try SRTPContext.aesCounterModeKeystream(
            sessionKey: hex("C61E7A93744F39EE10734AFE3FF7A087"),
            sessionSalt: hex("30CBBC08863D8C85D49DB34A9AE1"),
            ssrc: ssrc, index: UInt64(sequence), length: 64)
        #expect(Array(protected[12..<76]) == expected)
    }

    /// `protect` runs on OpenSSL's AES-CM and HMAC-SHA1, accepted by libsrtp2's self-test (SRTPCryptoKernel).
    @Test func protectRunsOnOpenSSLCrypto() {
        #expect(SRTPContext.cryptoImplementation == .openSSL)
    }

    /// The libsrtp `srtp_validate` reference packet (test/srtp_driver.c), keyed with the B.3 master key
    /// and salt: exact ciphertext and HMAC-SHA1-80 tag.
    @Test func referencePacketProtectsToKnownAnswer() throws {
        let plaintext = hex("800F1234DECAFBADCAFEBABE ABABABABABABABABABABABABABABABAB")
        let ciphertext = hex("800F1234DECAFBADCAFEBABE 4E55DC4CE79978D88CA4D215949D2402 B78D6ACC99EA179B8DBB")
        let sender = try SRTPContext(profile: .aesCM128HMACSHA1_80, send: b3Master, receive: b3Master)
        #expect(try sender.protect(plaintext) == ciphertext)
        let receiver = try SRTPContext(profile: .aesCM128HMACSHA1_80, send: b3Master, receive: b3Master)
        #expect(try receiver.unprotect(ciphertext) == plaintext)
    }

    /// The matching SRTCP reference packet: encrypted body, E flag with SRTCP index 1, tag (§3.4).
    @Test func referenceRTCPPacketProtectsToKnownAnswer() throws {
        let plaintext = hex("81C8000BCAFEBABE ABABABABABABABABABABABABABABABAB")
        let ciphertext = hex("""
            81C8000BCAFEBABE 7128035BE487B9BDBEF89041F977A5A8 80000001 993E08CD54D6C1230798
            """)
        let context = try SRTPContext(profile: .aesCM128HMACSHA1_80, send: b3Master, receive: b3Master)
        #expect(try context.protectRTCP(plaintext) == ciphertext)
        #expect(try context.unprotectRTCP(ciphertext) == plaintext)
    }
}
