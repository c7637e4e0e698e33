import Testing
@testable import STUN

/// The pure-Swift primitives behind MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256, the long-term key and
/// FINGERPRINT, against their published vectors.
@Suite struct HashTests {
    static let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)

    @Test("FIPS 180 SHA-1: \"abc\", two blocks, one million \"a\"")
    func sha1() {
        #expect(hexString(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hexString(SHA1.hash(Self.twoBlocks)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hexString(SHA1.hash([UInt8](repeating: 0x61, count: 1_000_000)))
            == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test("FIPS 180 SHA-256: \"abc\", two blocks")
    func sha256() {
        #expect(hexString(SHA256.hash(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hexString(SHA256.hash(Self.twoBlocks))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("RFC 1321 §A.5 MD5 test suite (selection)")
    func md5() {
        #expect(hexString(MD5.hash([])) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(hexString(MD5.hash(Array("abc".utf8))) == "900150983cd24fb0d6963f7d28e17f72")
        let digits = String(repeating: "1234567890", count: 8)
        #expect(hexString(MD5.hash(Array(digits.utf8))) == "57edf4a22be3c955ac49da2e2107b67a")
    }

    @Test("RFC 2202 HMAC-SHA1 test cases 1, 2 and 6 (key longer than a block)")
    func hmacSHA1() {
        #expect(hexString(HMAC<SHA1>.authenticationCode(
            key: [UInt8](repeating: 0x0B, count: 20), message: Array("Hi There".utf8)))
            == "b617318655057264e28bc0b6fb378c8ef146be00")
        #expect(hexString(HMAC<SHA1>.authenticationCode(
            key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        #expect(hexString(HMAC<SHA1>.authenticationCode(
            key: [UInt8](repeating: 0xAA, count: 80),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "aa4ae5e15272d00e95705637ce8a3b55ed402112")
    }

    @Test("RFC 4231 §4.3 HMAC-SHA256 test case 2")
    func hmacSHA256() {
        #expect(hexString(HMAC<SHA256>.authenticationCode(
            key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("CRC-32 check value: \"123456789\" → 0xCBF43926")
    func crc32() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }
}
