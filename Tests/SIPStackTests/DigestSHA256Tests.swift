import Testing
@testable import SIPStack

/// FIPS 180-4 examples (NIST "SHA256.pdf" example values) and the long-message vectors.
@Suite struct DigestSHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func fipsVectors(input: String, expected: String) {
        #expect(SHA256.hexDigest(input) == expected)
    }

    /// One million repetitions of "a", fed in 1,000-byte updates.
    @Test func millionA() {
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        var sha = SHA256()
        for _ in 0..<1000 { sha.update(chunk) }
        #expect(sha.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let input = [UInt8]((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) })
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 127, 128, 129, 300] {
            let message = Array(input[0..<length])
            let expected = SHA256.hash(message)
            for chunk in [1, 3, 17, 55, 63, 64, 65, 100] {
                var sha = SHA256()
                var i = 0
                while i < message.count {
                    let end = min(i + chunk, message.count)
                    message[i..<end].withUnsafeBytes { sha.update(bytes: $0) }
                    i = end
                }
                #expect(sha.finalize() == expected, "length \(length) chunk \(chunk)")
            }
        }
    }

    @Test func digestLength() {
        #expect(SHA256.hash("abc").count == 32)
        #expect(SHA256.digestByteCount == 32)
        #expect(SHA256.blockByteCount == 64)
    }
}
