import Testing
@testable import SIPStack

/// RFC 4231 §4 test cases for HMAC-SHA-256.
@Suite struct DigestHMACTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var key: [UInt8]
        var data: [UInt8]
        var expected: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(name: "4.2 test case 1", key: [UInt8](repeating: 0x0B, count: 20), data: Array("Hi There".utf8),
               expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Vector(name: "4.3 test case 2 (key shorter than output)", key: Array("Jefe".utf8),
               data: Array("what do ya want for nothing?".utf8),
               expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Vector(name: "4.4 test case 3", key: [UInt8](repeating: 0xAA, count: 20), data: [UInt8](repeating: 0xDD, count: 50),
               expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Vector(name: "4.5 test case 4", key: Array(1...25), data: [UInt8](repeating: 0xCD, count: 50),
               expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Vector(name: "4.7 test case 6 (key larger than block)", key: [UInt8](repeating: 0xAA, count: 131),
               data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
               expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Vector(name: "4.8 test case 7 (key and data larger than block)", key: [UInt8](repeating: 0xAA, count: 131),
               data: Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                   + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
               expected: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: vectors)
    func rfc4231(vector: Vector) {
        let mac = HMAC<SHA256>.authenticationCode(for: vector.data, key: vector.key)
        #expect(HexEncoding.string(from: mac) == vector.expected)
    }

    /// RFC 4231 §4.6 test case 5: the output truncated to 128 bits.
    @Test func rfc4231TruncatedCase5() {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("Test With Truncation".utf8), key: [UInt8](repeating: 0x0C, count: 20))
        #expect(HexEncoding.string(from: Array(mac.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    /// A keyed value can be copied and reused; pieces give the same code as one update.
    @Test func keyedValueIsReusable() {
        let keyed = HMAC<SHA256>(key: Array("Jefe".utf8))
        var first = keyed
        first.update("what do ya ")
        first.update("want for nothing?")
        var second = keyed
        second.update(Array("what do ya want for nothing?".utf8))
        let a = first.finalize()
        #expect(a == second.finalize())
        #expect(HexEncoding.string(from: a) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func hmacOverMD5HasMD5Length() {
        // RFC 2202 §2 test case 2 (HMAC-MD5), checking the generic over another hash.
        let mac = HMAC<MD5>.authenticationCode(for: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
        #expect(HexEncoding.string(from: mac) == "750c783e6ab0b503eaa86e310a5db738")
    }
}
