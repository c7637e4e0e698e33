import Testing
@testable import SIPStack

/// RFC 1321 Appendix A.5, "Test suite".
@Suite struct DigestMD5Tests {
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a"
        ),
    ])
    func rfc1321A5Suite(input: String, expected: String) {
        #expect(MD5.hexDigest(input) == expected)
    }

    /// Feeding the same input in pieces of every size gives the same digest as one update (buffering across
    /// block boundaries, padding at 55/56/63/64 bytes).
    @Test func incrementalUpdatesMatchOneShot() {
        let input = [UInt8]((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200] {
            let message = Array(input[0..<length])
            let expected = MD5.hash(message)
            for chunk in 1...70 {
                var md5 = MD5()
                var i = 0
                while i < message.count {
                    let end = min(i + chunk, message.count)
                    md5.update(Array(message[i..<end]))
                    i = end
                }
                #expect(md5.finalize() == expected, "length \(length) chunk \(chunk)")
            }
        }
    }

    @Test func digestBytesAndHexAgree() {
        let bytes = MD5.hash("abc")
        #expect(bytes.count == 16)
        #expect(HexEncoding.string(from: bytes) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hexDigest([UInt8]("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
    }

    @Test func hexDecodingRoundTripsAndRejectsBadText() {
        #expect(HexEncoding.bytes(from: "00ff10Ab") == [0x00, 0xFF, 0x10, 0xAB])
        #expect(HexEncoding.bytes(from: "") == [])
        #expect(HexEncoding.bytes(from: "abc") == nil)
        #expect(HexEncoding.bytes(from: "zz") == nil)
        #expect(HexEncoding.string(from: [0x00, 0x0F, 0xF0, 0xFF]) == "000ff0ff")
    }
}
