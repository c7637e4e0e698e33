import Testing
@testable import SRTP

/// RFC 7714 §16 (SRTP) and §17 (SRTCP) AEAD_AES_128_GCM vectors, checked on the libsrtp cipher that
/// `protect` uses for the GCM profile. The vectors are given on session keys, so they drive the
/// cipher directly with the IV and AAD built as §8.1 and §9.1 say; the master-key path is covered
/// by the round trips in `SRTPContextTests` and the DTLS-SRTP tests.
///
/// Runtime check: Debian's libsrtp2 is built with NSS rather than OpenSSL, and supports GCM.
@Suite struct RFC7714Tests {
    private let key = hex("000102030405060708090a0b0c0d0e0f")
    private let salt = hex("517569642070726f2071756f")   // "Quid pro quo"

    /// §8.1: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt.
    private func rtpIV(ssrc: UInt32, roc: UInt32, sequence: UInt16) -> [UInt8] {
        let block: [UInt8] = [0, 0] + bigEndian(ssrc) + bigEndian(roc) + [UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        return zip(block, salt).map { $0 ^ $1 }
    }

    /// §9.1: IV = (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) XOR salt.
    private func rtcpIV(ssrc: UInt32, index: UInt32) -> [UInt8] {
        let block: [UInt8] = [0, 0] + bigEndian(ssrc) + [0, 0] + bigEndian(index & 0x7FFF_FFFF)
        return zip(block, salt).map { $0 ^ $1 }
    }

    private func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }

    private let rtpPlain = hex("""
        8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976
        69736120 696e2070 61727465 73207472 6573
        """)
    private let rtpProtected = hex("""
        8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5
        0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce
        """)

    /// §16.2: the RTP header (12 octets) is the AAD; ROC 0, SEQ 0xF17B, SSRC 0x5501A0B2.
    @Test(arguments: [SRTPCryptoImplementation.openSSL, .library])
    func rtpPacketEncryption(implementation: SRTPCryptoImplementation) throws {
        let iv = rtpIV(ssrc: 0x5501_A0B2, roc: 0, sequence: 0xF17B)
        let header = Array(rtpPlain[0..<12])
        let sealed = try SRTPContext.aesGCM128(
            encrypt: true, sessionKey: key, iv: iv, aad: header, input: Array(rtpPlain[12...]), implementation: implementation)
        #expect(header + sealed == rtpProtected)
        let opened = try SRTPContext.aesGCM128(
            encrypt: false, sessionKey: key, iv: iv, aad: header, input: Array(rtpProtected[12...]), implementation: implementation)
        #expect(header + opened == rtpPlain)
    }

    @Test(arguments: [SRTPCryptoImplementation.openSSL, .library])
    func rtpTagMismatchIsAnAuthenticationFailure(implementation: SRTPCryptoImplementation) {
        var forged = Array(rtpProtected[12...])
        forged[forged.count - 1] ^= 0x01
        let error = #expect(throws: SRTPError.self) {
            try SRTPContext.aesGCM128(
                encrypt: false, sessionKey: key, iv: rtpIV(ssrc: 0x5501_A0B2, roc: 0, sequence: 0xF17B),
                aad: Array(rtpPlain[0..<12]), input: forged, implementation: implementation)
        }
        #expect(error?.kind == .authenticationFailed)
    }

    /// §17: SRTCP index 0x5D4 with the E flag; AAD = first 8 octets || E || index (§9.1), and the
    /// trailer E || index follows the tag.
    @Test(arguments: [SRTPCryptoImplementation.openSSL, .library])
    func rtcpPacketEncryption(implementation: SRTPCryptoImplementation) throws {
        let plain = hex("""
            81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef deadbeef
            """)
        let protected = hex("""
            81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d
            c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872
            45d9eade 800005d4
            """)
        let trailer = hex("800005d4")
        let iv = rtcpIV(ssrc: 0x4D61_7273, index: 0x5D4)
        let aad = Array(plain[0..<8]) + trailer
        let sealed = try SRTPContext.aesGCM128(encrypt: true, sessionKey: key, iv: iv, aad: aad, input: Array(plain[8...]), implementation: implementation)
        #expect(Array(plain[0..<8]) + sealed + trailer == protected)
        let opened = try SRTPContext.aesGCM128(
            encrypt: false, sessionKey: key, iv: iv, aad: aad, input: Array(protected[8..<(protected.count - 4)]), implementation: implementation)
        #expect(Array(plain[0..<8]) + opened == plain)
    }

    @Test func gcmProfileIdentifiers() {
        #expect(SRTPProfile(protectionProfileID: 0x0007) == .aeadAES128GCM)
        #expect(SRTPProfile(protectionProfileID: 0x0001) == .aesCM128HMACSHA1_80)
        #expect(SRTPProfile(protectionProfileID: 0x0008) == nil)
        #expect(SRTPProfile.aeadAES128GCM.masterSaltLength == 12)
        #expect(SRTPProfile.aeadAES128GCM.rtpTrailerLength == 16)
    }

    /// The AES-CM PRF of RFC 3711 §4.3.1/§4.3.3 for one label: x = (label || r) XOR master salt with
    /// r = 0, keystream under the master key with IV = x · 2^16. `label` lands at bit 64, which the
    /// keystream helper's `ssrc` argument places there.
    private func derive(label: UInt8, masterKey: [UInt8], masterSalt: [UInt8], length: Int) throws -> [UInt8] {
        try SRTPContext.aesCounterModeKeystream(
            sessionKey: masterKey, sessionSalt: masterSalt, ssrc: UInt32(label), index: 0, length: length)
    }

    /// The PRF above reproduces RFC 3711 Appendix B.3 (cipher key and salt), so it can be trusted below.
    @Test func keyDerivationMatchesRFC3711AppendixB3() throws {
        let masterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139"), masterSalt = hex("0EC675AD498AFEEBB6960B3AABE6")
        #expect(try derive(label: 0, masterKey: masterKey, masterSalt: masterSalt, length: 16)
            == hex("C61E7A93744F39EE10734AFE3FF7A087"))
        #expect(try derive(label: 2, masterKey: masterKey, masterSalt: masterSalt, length: 14)
            == hex("30CBBC08863D8C85D49DB34A9AE1"))
    }

    /// The master-key path of the GCM profile: `protect` with a master key and 96-bit master salt
    /// equals the §16 construction (IV per §8.1, header as AAD) on the session key and salt derived by
    /// the RFC 3711 PRF (RFC 7714 §11), with the 96-bit master salt zero-padded to 112 bits as libsrtp does.
    @Test func protectDerivesSessionKeysAndBuildsTheIVAsSpecified() throws {
        let master = SRTPKeyingMaterial(masterKey: key, masterSalt: salt)
        let context = try SRTPContext(profile: .aeadAES128GCM, send: master, receive: master)
        let protected = try context.protect(rtpPlain)

        let paddedSalt = salt + [0, 0]
        let sessionKey = try derive(label: 0, masterKey: key, masterSalt: paddedSalt, length: 16)
        let sessionSalt = try derive(label: 2, masterKey: key, masterSalt: paddedSalt, length: 12)
        let block: [UInt8] = [0, 0] + bigEndian(0x5501_A0B2) + bigEndian(0) + [0xF1, 0x7B]
        let iv = zip(block, sessionSalt).map { $0 ^ $1 }
        let header = Array(rtpPlain[0..<12])
        let expected = try SRTPContext.aesGCM128(
            encrypt: true, sessionKey: sessionKey, iv: iv, aad: header, input: Array(rtpPlain[12...]))
        #expect(protected == header + expected)
        #expect(try context.unprotect(protected) == rtpPlain)
    }
}
