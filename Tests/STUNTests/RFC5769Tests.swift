import Testing
@testable import STUN

/// RFC 5769 test vectors. Bytes transcribed from RFC 5769 §2.1–§2.4 and cross-checked against three
/// independent transcriptions; the HMAC and CRC checks below would fail on any transcription error.
/// §2.1–§2.3 pad with 0x20 (to test that receivers ignore padding values), §2.4 with 0x00.
@Suite struct RFC5769Tests {
    static let shortTermPassword = Array("VOkJxbRl1RmTxUk/WvJxBt".utf8)
    static let transactionID = STUNTransactionID(octets: hex("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae"))!

    /// §2.1 Sample Request.
    static let sampleRequest = hex("""
        00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86
        fa 87 df ae 80 22 00 10 53 54 55 4e 20 74 65 73
        74 20 63 6c 69 65 6e 74 00 24 00 04 6e 00 01 ff
        80 29 00 08 93 2f f9 b1 51 26 3b 36 00 06 00 09
        65 76 74 6a 3a 68 36 76 59 20 20 20 00 08 00 14
        9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49
        c1 b5 71 a2 80 28 00 04 e5 7a 3b cf
        """)

    /// §2.2 Sample IPv4 Response.
    static let sampleIPv4Response = hex("""
        01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86
        fa 87 df ae 80 22 00 0b 74 65 73 74 20 76 65 63
        74 6f 72 20 00 20 00 08 00 01 a1 47 e1 12 a6 43
        00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9
        2a f9 ba 53 f0 6b e7 d7 80 28 00 04 c0 7d 4c 96
        """)

    /// §2.3 Sample IPv6 Response.
    static let sampleIPv6Response = hex("""
        01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86
        fa 87 df ae 80 22 00 0b 74 65 73 74 20 76 65 63
        74 6f 72 20 00 20 00 14 00 02 a1 47 01 13 a9 fa
        a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9 00 08 00 14
        a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75
        bf e3 ed 41 80 28 00 04 c8 fb 0b 4c
        """)

    /// §2.4 Sample Request with Long-Term Authentication.
    static let sampleLongTermRequest = hex("""
        00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0
        29 da 41 2e 00 06 00 12 e3 83 9e e3 83 88 e3 83
        aa e3 83 83 e3 82 af e3 82 b9 00 00 00 15 00 1c
        66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34
        6f 4c 39 46 53 54 76 79 36 34 73 41 00 14 00 0b
        65 78 61 6d 70 6c 65 2e 6f 72 67 00 00 08 00 14
        f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2
        8c a8 96 66
        """)

    @Test("§2.1 sample request: attributes, MESSAGE-INTEGRITY and FINGERPRINT verify")
    func sampleRequestParses() throws {
        let message = try STUNMessage(parsing: Self.sampleRequest)
        #expect(message.type == .bindingRequest)
        #expect(message.transactionID == Self.transactionID)
        #expect(try message.software() == "STUN test client")
        #expect(try message.priority() == 0x6E00_01FF)
        #expect(try message.iceControlled() == 0x932F_F9B1_5126_3B36)
        #expect(try message.iceControlling() == nil)
        #expect(try message.username() == "evtj:h6vY")
        #expect(!message.useCandidate)
        #expect(message.attributes.map(\.type) == [
            .software, .priority, .iceControlled, .username, .messageIntegrity, .fingerprint,
        ])
        #expect(STUNMessage.checkMessageIntegrity(Self.sampleRequest[...], key: Self.shortTermPassword) == .valid)
        #expect(STUNMessage.checkMessageIntegrity(Self.sampleRequest[...], key: Array("wrong".utf8)) == .invalid)
        #expect(STUNMessage.checkFingerprint(Self.sampleRequest[...]) == .valid)
    }

    @Test("§2.1 sample request: the serializer reproduces the bytes (MI and FINGERPRINT recomputed)")
    func sampleRequestSerializes() throws {
        let parsed = try STUNMessage(parsing: Self.sampleRequest)
        #expect(parsed.serialize(paddingOctet: 0x20) == Self.sampleRequest)
        let built = STUNMessage(type: .bindingRequest, transactionID: Self.transactionID, attributes: [
            .software("STUN test client"), .priority(0x6E00_01FF), .iceControlled(tieBreaker: 0x932F_F9B1_5126_3B36),
            .username("evtj:h6vY"),
        ])
        let bytes = built.serialize(messageIntegrityKey: Self.shortTermPassword, fingerprint: true, paddingOctet: 0x20)
        #expect(hexString(bytes) == hexString(Self.sampleRequest))
    }

    @Test("§2.2 sample IPv4 response: XOR-MAPPED-ADDRESS 192.0.2.1:32853, integrity, fingerprint, bytes")
    func sampleIPv4Response() throws {
        let message = try STUNMessage(parsing: Self.sampleIPv4Response)
        let address = TransportAddress(ip: IPAddress("192.0.2.1")!, port: 32853)
        #expect(message.type == .bindingSuccessResponse)
        #expect(try message.software() == "test vector")
        #expect(try message.xorMappedAddress() == address)
        #expect(STUNMessage.checkMessageIntegrity(Self.sampleIPv4Response[...], key: Self.shortTermPassword) == .valid)
        #expect(STUNMessage.checkFingerprint(Self.sampleIPv4Response[...]) == .valid)
        let built = STUNMessage(type: .bindingSuccessResponse, transactionID: Self.transactionID, attributes: [
            .software("test vector"), .xorMappedAddress(address, transactionID: Self.transactionID),
        ])
        let bytes = built.serialize(messageIntegrityKey: Self.shortTermPassword, fingerprint: true, paddingOctet: 0x20)
        #expect(hexString(bytes) == hexString(Self.sampleIPv4Response))
    }

    @Test("§2.3 sample IPv6 response: 2001:db8:1234:5678:11:2233:4455:6677 port 32853, integrity, bytes")
    func sampleIPv6Response() throws {
        let message = try STUNMessage(parsing: Self.sampleIPv6Response)
        let address = TransportAddress(ip: IPAddress("2001:db8:1234:5678:11:2233:4455:6677")!, port: 32853)
        #expect(try message.xorMappedAddress() == address)
        #expect(STUNMessage.checkMessageIntegrity(Self.sampleIPv6Response[...], key: Self.shortTermPassword) == .valid)
        #expect(STUNMessage.checkFingerprint(Self.sampleIPv6Response[...]) == .valid)
        let built = STUNMessage(type: .bindingSuccessResponse, transactionID: Self.transactionID, attributes: [
            .software("test vector"), .xorMappedAddress(address, transactionID: Self.transactionID),
        ])
        let bytes = built.serialize(messageIntegrityKey: Self.shortTermPassword, fingerprint: true, paddingOctet: 0x20)
        #expect(hexString(bytes) == hexString(Self.sampleIPv6Response))
    }

    @Test("§2.4 long-term credentials: key MD5(\"マトリックス:example.org:TheMatrIX\"), integrity, bytes")
    func sampleLongTermRequest() throws {
        let message = try STUNMessage(parsing: Self.sampleLongTermRequest)
        let username = "\u{30DE}\u{30C8}\u{30EA}\u{30C3}\u{30AF}\u{30B9}"
        #expect(try message.username() == username)
        #expect(try message.nonce() == "f//499k954d6OL34oL9FSTvy64sA")
        #expect(try message.realm() == "example.org")
        // The password "The<U+00AD>M<U+00AA>tr<U+2168>" after SASLprep is "TheMatrIX" (RFC 5769 §2.4).
        let key = STUNMessage.longTermKey(username: username, realm: "example.org", password: "TheMatrIX")
        #expect(hexString(key) == "e8ca7ad59d5eb0518e312911d2dab2a9")
        #expect(STUNMessage.checkMessageIntegrity(Self.sampleLongTermRequest[...], key: key) == .valid)
        #expect(STUNMessage.checkFingerprint(Self.sampleLongTermRequest[...]) == .absent)
        #expect(message.serialize(messageIntegrityKey: key) == Self.sampleLongTermRequest)
    }

    @Test("a flipped octet anywhere before MESSAGE-INTEGRITY breaks it; anywhere breaks FINGERPRINT")
    func tamperingIsDetected() {
        for index in 20..<(Self.sampleRequest.count - 32) {
            var bytes = Self.sampleRequest
            bytes[index] ^= 0x01
            #expect(STUNMessage.checkMessageIntegrity(bytes[...], key: Self.shortTermPassword) != .valid)
            #expect(STUNMessage.checkFingerprint(bytes[...]) != .valid)
        }
    }
}
