import Testing
@testable import STUN

/// RFC 8489 message structure: header, type encoding, attributes, limits and typed errors.
@Suite struct STUNMessageTests {
    static let id = STUNTransactionID(octets: Array(1...12))!

    @Test("§5 message type: method and class interleave (Binding 0x0001/0x0011/0x0101/0x0111)", arguments: [
        (STUNMessageType.bindingRequest, 0x0001),
        (.bindingIndication, 0x0011),
        (.bindingSuccessResponse, 0x0101),
        (.bindingErrorResponse, 0x0111),
        (STUNMessageType(method: STUNMethod(rawValue: 0x003), messageClass: .request), 0x0003),
        (STUNMessageType(method: STUNMethod(rawValue: 0xFFF), messageClass: .errorResponse), 0x3FFF),
    ] as [(STUNMessageType, UInt16)])
    func messageType(type: STUNMessageType, raw: UInt16) {
        #expect(type.rawValue == raw)
        #expect(STUNMessageType(rawValue: raw) == type)
    }

    @Test("unknown attributes survive parse → serialize; padding is not part of the value")
    func unknownAttributesKept() throws {
        let message = STUNMessage(type: .bindingRequest, transactionID: Self.id, attributes: [
            STUNAttribute(type: STUNAttributeType(rawValue: 0xC057), value: [0, 1, 0, 0x0A]),
            STUNAttribute(type: STUNAttributeType(rawValue: 0x7777), value: [1, 2, 3]),
            .username("a:b"),
        ])
        let bytes = message.serialize()
        #expect(bytes.count == 20 + 8 + 8 + 8)
        let parsed = try STUNMessage(parsing: bytes)
        #expect(parsed == message)
        #expect(parsed.unknownComprehensionRequired == [STUNAttributeType(rawValue: 0x7777)])
    }

    @Test("typed attributes round-trip: ICE attributes, ERROR-CODE, UNKNOWN-ATTRIBUTES, MAPPED-ADDRESS")
    func typedAttributes() throws {
        let v6 = TransportAddress("[2001:db8::1]:3478")!
        let message = STUNMessage(type: .bindingErrorResponse, transactionID: Self.id, attributes: [
            .priority(1_845_501_695), .useCandidate, .iceControlling(tieBreaker: 0x0102_0304_0506_0708),
            .errorCode(.roleConflict), .unknownAttributes([STUNAttributeType(rawValue: 0x0031)]),
            .mappedAddress(v6), .xorMappedAddress(v6, transactionID: Self.id), .software("switchboard"),
        ])
        let parsed = try STUNMessage(parsing: message.serialize())
        #expect(try parsed.priority() == 1_845_501_695)
        #expect(parsed.useCandidate)
        #expect(try parsed.iceControlling() == 0x0102_0304_0506_0708)
        #expect(try parsed.iceControlled() == nil)
        #expect(try parsed.errorCode() == STUNErrorCode(code: 487, reason: "Role Conflict"))
        #expect(try parsed.unknownAttributes() == [STUNAttributeType(rawValue: 0x0031)])
        #expect(try parsed.mappedAddress() == v6)
        #expect(try parsed.xorMappedAddress() == v6)
        #expect(try parsed.software() == "switchboard")
    }

    @Test("MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT together, in RFC 8489 order")
    func bothIntegrities() throws {
        let key = Array("password".utf8)
        let message = STUNMessage(type: .bindingRequest, transactionID: Self.id, attributes: [.username("x:y")])
        let bytes = message.serialize(messageIntegrityKey: key, messageIntegritySHA256Key: key, fingerprint: true)
        let parsed = try STUNMessage(parsing: bytes)
        #expect(parsed.attributes.map(\.type) == [.username, .messageIntegrity, .messageIntegritySHA256, .fingerprint])
        #expect(STUNMessage.checkMessageIntegrity(bytes[...], key: key) == .valid)
        #expect(STUNMessage.checkMessageIntegritySHA256(bytes[...], key: key) == .valid)
        #expect(STUNMessage.checkMessageIntegritySHA256(bytes[...], key: [1]) == .invalid)
        #expect(STUNMessage.checkFingerprint(bytes[...]) == .valid)
        // Re-signing a parsed message replaces the old values rather than duplicating them.
        #expect(parsed.serialize(messageIntegrityKey: key, messageIntegritySHA256Key: key, fingerprint: true) == bytes)
    }

    @Test("§14.5: attributes after MESSAGE-INTEGRITY other than MI-SHA256/FINGERPRINT are ignored")
    func attributesAfterIntegrityIgnored() throws {
        var bytes = STUNMessage(type: .bindingRequest, transactionID: Self.id, attributes: [.username("x:y")])
            .serialize(messageIntegrityKey: [1, 2, 3])
        bytes += [0x80, 0x22, 0x00, 0x04, 0x61, 0x62, 0x63, 0x64]
        bytes[3] += 8
        let parsed = try STUNMessage(parsing: bytes)
        #expect(parsed.attributes.map(\.type) == [.username, .messageIntegrity])
        #expect(STUNMessage.checkMessageIntegrity(bytes[...], key: [1, 2, 3]) == .valid)
    }

    @Test("malformed messages are typed errors", arguments: [
        ([0x00, 0x01, 0x00], STUNParseError.truncated),
        (hex("00 01 00 00 21 12 a4 43 000000000000000000000000"), .notSTUN),
        (hex("c0 01 00 00 21 12 a4 42 000000000000000000000000"), .notSTUN),
        (hex("00 01 00 04 21 12 a4 42 000000000000000000000000"), .invalidLength),
        (hex("00 01 00 02 21 12 a4 42 000000000000000000000000 0000"), .invalidLength),
        (hex("00 01 00 04 21 12 a4 42 000000000000000000000000 8022 0004"), .truncated),
        (hex("00 01 00 08 21 12 a4 42 000000000000000000000000 8022 0005 41414141"), .truncated),
        (hex("00 01 00 08 21 12 a4 42 000000000000000000000000 0024 0003 010203 00"), .invalidAttribute),
        (hex("00 01 00 04 21 12 a4 42 000000000000000000000000 0025 0000"), nil),
        (hex("00 01 00 0c 21 12 a4 42 000000000000000000000000 8028 0004 00000000 0025 0000"),
         .attributeAfterFingerprint),
    ] as [([UInt8], STUNParseError?)])
    func malformed(bytes: [UInt8], error: STUNParseError?) {
        if let error {
            #expect(throws: error) { try STUNMessage(parsing: bytes) }
        } else {
            #expect(throws: Never.self) { try STUNMessage(parsing: bytes) }
        }
    }

    @Test("limits: 64 attributes parse, 65 do not; USERNAME over 512 octets is rejected")
    func limits() {
        let many = STUNMessage(type: .bindingRequest, transactionID: Self.id,
                               attributes: Array(repeating: .useCandidate, count: 64))
        #expect(throws: Never.self) { try STUNMessage(parsing: many.serialize()) }
        var tooMany = many
        tooMany.attributes.append(.useCandidate)
        #expect(throws: STUNParseError.tooManyAttributes) { try STUNMessage(parsing: tooMany.serialize()) }
        let long = STUNMessage(type: .bindingRequest, transactionID: Self.id,
                               attributes: [.username(String(repeating: "u", count: 513))])
        #expect(throws: STUNParseError.invalidAttribute) { try STUNMessage(parsing: long.serialize()) }
    }

    @Test("malformed attribute values throw from the typed getters")
    func malformedValues() throws {
        let message = STUNMessage(type: .bindingSuccessResponse, transactionID: Self.id, attributes: [
            STUNAttribute(type: .xorMappedAddress, value: [0, 3, 0, 0, 1, 2, 3, 4]),
            STUNAttribute(type: .errorCode, value: [0, 0, 7, 0]),
            STUNAttribute(type: .username, value: [0xFF, 0xFE]),
            STUNAttribute(type: .mappedAddress, value: [0, 1, 0, 0, 1, 2]),
        ])
        let parsed = try STUNMessage(parsing: message.serialize())
        #expect(throws: STUNParseError.invalidAttribute) { try parsed.xorMappedAddress() }
        #expect(throws: STUNParseError.invalidAttribute) { try parsed.errorCode() }
        #expect(throws: STUNParseError.invalidAttribute) { try parsed.username() }
        #expect(throws: STUNParseError.invalidAttribute) { try parsed.mappedAddress() }
    }

    @Test("isSTUN tells STUN from RTP and DTLS")
    func isSTUN() {
        #expect(STUNMessage.isSTUN(RFC5769Tests.sampleRequest[...]))
        #expect(!STUNMessage.isSTUN([0x80, 0, 0, 0, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 12)))
        #expect(!STUNMessage.isSTUN([0x16, 0xFE, 0xFD][...]))
    }
}

/// Addresses: text forms (RFC 4291 §2.2, RFC 5952) and octets.
@Suite struct IPAddressTests {
    @Test("IPv4 and IPv6 text round-trips to canonical form", arguments: [
        ("192.0.2.1", "192.0.2.1"),
        ("0.0.0.0", "0.0.0.0"),
        ("2001:db8:1234:5678:11:2233:4455:6677", "2001:db8:1234:5678:11:2233:4455:6677"),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::", "::"),
        ("::1", "::1"),
        ("fe80::", "fe80::"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8::1:0", "2001:db8::1:0"),
        ("::ffff:192.0.2.1", "::ffff:c000:201"),
    ])
    func textForms(text: String, canonical: String) throws {
        let ip = try #require(IPAddress(text))
        #expect(ip.description == canonical)
        #expect(IPAddress(octets: ip.octets) == ip)
    }

    @Test("not addresses: host names, mDNS names, junk", arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01234.1.1.1", "1.2.3.-4", "abcd", ":::", "1::2::3",
        "2001:db8::1::", "12345::", "1:2:3:4:5:6:7:8:9", "3a8b4d3e-7c1b-4e7b-9a1a-0f1d2e3c4b5a.local", "g::1",
    ])
    func rejected(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("transport addresses: host:port and [v6]:port")
    func transportAddresses() {
        #expect(TransportAddress("192.0.2.1:5000")?.description == "192.0.2.1:5000")
        #expect(TransportAddress("[2001:db8::1]:3478")?.description == "[2001:db8::1]:3478")
        #expect(TransportAddress("2001:db8::1:3478") == nil)
        #expect(TransportAddress("192.0.2.1:70000") == nil)
        #expect(TransportAddress("192.0.2.1") == nil)
    }
}
