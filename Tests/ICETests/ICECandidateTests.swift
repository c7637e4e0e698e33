import Testing
@testable import ICE
import STUN

/// `a=candidate` values (RFC 8839 §5.1) as real peers write them, and priorities (RFC 8445 §5.1.2).
@Suite struct ICECandidateTests {
    /// Candidate lines in the shapes Chrome, Firefox and aiortc (aioice) emit; addresses and ids
    /// replaced with documentation values.
    static let realLines = [
        // Chrome: mDNS-obfuscated host, srflx with raddr 0.0.0.0, TCP active, relay, with its extensions.
        "candidate:3442447574 1 udp 2122260223 e5a7c0f8-3b37-4f4d-9a7d-1f2a6b1b5c9e.local 55132 typ host generation 0 ufrag Xs7w network-id 1 network-cost 10",
        "candidate:1467250027 1 udp 1686052607 203.0.113.7 55132 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag Xs7w network-id 1 network-cost 10",
        "candidate:2996597519 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active generation 0 ufrag Xs7w network-id 1 network-cost 10",
        "candidate:4234997325 1 udp 41885439 198.51.100.9 61237 typ relay raddr 203.0.113.7 rport 55132 generation 0 ufrag Xs7w network-id 1 network-cost 10",
        // Firefox: upper-case transport, mDNS host, IPv6 host, TCP.
        "candidate:0 1 UDP 2122252543 8f0a7b5e-1234-4c56-9abc-def012345678.local 49870 typ host",
        "candidate:1 1 UDP 2122187007 2001:db8:85a3::8a2e:370:7334 53011 typ host",
        "candidate:2 1 TCP 2105524479 192.168.1.20 9 typ host tcptype active",
        "candidate:3 1 UDP 1686052863 203.0.113.7 49870 typ srflx raddr 192.168.1.20 rport 49870",
        // aiortc/aioice: 32-hex-digit foundations.
        "candidate:5d1e46d5cd0b94a6c7e4ffce7efaeeb0 1 udp 2130706431 192.168.1.20 45678 typ host",
        "candidate:b3c1a2d49e0f4f51a7e2c9d0f1e2a3b4 1 udp 1694498815 203.0.113.7 45678 typ srflx raddr 192.168.1.20 rport 45678",
        // FreeSWITCH's own form, component 2.
        "candidate:0560693492 2 udp 659136 192.0.2.10 16385 typ host generation 0",
    ]

    @Test("real candidate lines parse and re-serialize unchanged", arguments: realLines)
    func roundTrip(line: String) throws {
        let candidate = try ICECandidate(parsing: line)
        #expect(candidate.description == line)
        #expect(try ICECandidate(parsing: candidate.attributeValue) == candidate)
        #expect(try ICECandidate(parsing: "a=" + line) == candidate)
    }

    @Test("Chrome mDNS host candidate: fields, no IP, not resolved")
    func chromeMDNS() throws {
        let candidate = try ICECandidate(parsing: Self.realLines[0])
        #expect(candidate.foundation == "3442447574")
        #expect(candidate.componentID == 1)
        #expect(candidate.isUDP)
        #expect(candidate.priority == 2_122_260_223)
        #expect(candidate.address == "e5a7c0f8-3b37-4f4d-9a7d-1f2a6b1b5c9e.local")
        #expect(candidate.isMDNS)
        #expect(candidate.ipAddress == nil)
        #expect(candidate.transportAddress == nil)
        #expect(candidate.port == 55132)
        #expect(candidate.type == .host)
        #expect(candidate.extensionValue("ufrag") == "Xs7w")
        #expect(candidate.extensionValue("network-cost") == "10")
        #expect(candidate.extensions.map(\.name) == ["generation", "ufrag", "network-id", "network-cost"])
    }

    @Test("srflx with raddr/rport; relay; Firefox IPv6 and TCP")
    func otherShapes() throws {
        let srflx = try ICECandidate(parsing: Self.realLines[1])
        #expect(srflx.type == .serverReflexive)
        #expect(srflx.relatedAddress == "0.0.0.0" && srflx.relatedPort == 0)
        #expect(srflx.transportAddress == TransportAddress("203.0.113.7:55132"))
        let relay = try ICECandidate(parsing: Self.realLines[3])
        #expect(relay.type == .relayed && relay.relatedPort == 55132)
        let v6 = try ICECandidate(parsing: Self.realLines[5])
        #expect(v6.ipAddress == IPAddress("2001:db8:85a3::8a2e:370:7334"))
        let tcp = try ICECandidate(parsing: Self.realLines[6])
        #expect(!tcp.isUDP && tcp.port == 9 && tcp.extensionValue("tcptype") == "active")
        let prflx = try ICECandidate(parsing: "candidate:9 1 udp 1853824767 203.0.113.7 40000 typ PRFLX")
        #expect(prflx.type == .peerReflexive)
    }

    @Test("malformed candidate values are typed errors", arguments: [
        ("candidate:1 1 udp 2122260223 192.0.2.1 5000", ICECandidateParseError.missingField),
        ("candidate:1 1 udp 2122260223 192.0.2.1 5000 type host", .missingField),
        ("candidate:1 0 udp 2122260223 192.0.2.1 5000 typ host", .invalidComponentID),
        ("candidate:1 257 udp 2122260223 192.0.2.1 5000 typ host", .invalidComponentID),
        ("candidate:1 1 udp 4294967296 192.0.2.1 5000 typ host", .invalidPriority),
        ("candidate:1 1 udp -5 192.0.2.1 5000 typ host", .invalidPriority),
        ("candidate:1 1 udp 1 192.0.2.1 65536 typ host", .invalidPort),
        ("candidate:1 1 udp 1 bad!host 5000 typ host", .invalidAddress),
        ("candidate:1 1 udp 1 192.0.2.1 5000 typ stun", .unknownCandidateType),
        ("candidate:1 1 udp 1 192.0.2.1 5000 typ srflx raddr", .invalidExtension),
        ("candidate:1 1 udp 1 192.0.2.1 5000 typ srflx raddr 0.0.0.0 rport x", .invalidPort),
        ("candidate:1 1 udp 1 192.0.2.1 5000 typ host generation", .invalidExtension),
        ("candidate:a:b 1 udp 1 192.0.2.1 5000 typ host", .invalidFoundation),
        ("candidate:123456789012345678901234567890123 1 udp 1 192.0.2.1 5000 typ host", .invalidFoundation),
        ("candidate:1 1 u;dp 1 192.0.2.1 5000 typ host", .invalidTransport),
        ("", .missingField),
    ] as [(String, ICECandidateParseError)])
    func malformed(line: String, error: ICECandidateParseError) {
        #expect(throws: error) { try ICECandidate(parsing: line) }
    }

    @Test("limits: very long values and too many extensions are rejected")
    func limits() {
        let long = "candidate:1 1 udp 1 192.0.2.1 5000 typ host x " + String(repeating: "y", count: 1100)
        #expect(throws: ICECandidateParseError.tooLong) { try ICECandidate(parsing: long) }
        let many = "candidate:1 1 udp 1 192.0.2.1 5000 typ host" + String(repeating: " a b", count: 33)
        #expect(throws: ICECandidateParseError.tooLong) { try ICECandidate(parsing: many) }
    }

    @Test("§5.1.2.1 priority = 2^24·type pref + 2^8·local pref + (256 − component)", arguments: [
        (ICECandidateType.host, UInt16(65535), 1, UInt32(2_130_706_431)),
        (.host, 32542, 1, 2_122_260_223),
        (.host, 32512, 1, 2_122_252_543),
        (.serverReflexive, 65535, 1, 1_694_498_815),
        (.peerReflexive, 65535, 1, 1_862_270_975),
        (.relayed, 65535, 1, 16_777_215),
        (.host, 65535, 2, 2_130_706_430),
    ])
    func priority(type: ICECandidateType, localPreference: UInt16, component: Int, expected: UInt32) {
        #expect(ICECandidate.priority(type: type, localPreference: localPreference, componentID: component) == expected)
    }

    @Test("our host and ext-rtp-ip (srflx) candidates")
    func ourCandidates() throws {
        let base = TransportAddress("192.0.2.10:16384")!
        let host = ICECandidate.host(base)
        let srflx = ICECandidate.serverReflexive(TransportAddress("203.0.113.1:16384")!, base: base)
        #expect(host.attributeValue == "\(host.foundation) 1 udp 2130706431 192.0.2.10 16384 typ host")
        #expect(srflx.attributeValue
            == "\(srflx.foundation) 1 udp 1694498815 203.0.113.1 16384 typ srflx raddr 192.0.2.10 rport 16384")
        #expect(host.foundation != srflx.foundation)
        #expect(host.foundation == ICECandidate.host(TransportAddress("192.0.2.10:20000")!).foundation)
        #expect(host.foundation != ICECandidate.host(TransportAddress("192.0.2.11:16384")!).foundation)
        #expect(try ICECandidate(parsing: srflx.description) == srflx)
        let v6 = ICECandidate.host(TransportAddress("[2001:db8::10]:16384")!)
        #expect(v6.address == "2001:db8::10")
    }
}

/// RFC 7983 §7 first-octet demultiplexing, with RFC 5761 §4 RTP/RTCP separation.
@Suite struct PacketClassTests {
    @Test("every first octet lands in its RFC 7983 range")
    func ranges() {
        for byte in UInt8.min...UInt8.max {
            let expected: PacketClass = switch byte {
            case 0...3: .stun
            case 20...63: .dtls
            case 128...191: .rtp
            default: .unknown
            }
            #expect(PacketClass.classify(firstByte: byte) == expected)
        }
    }

    @Test("RTCP packet types 192–223 in the second octet are RTCP; RTP payload types (any marker) are RTP")
    func rtcpSplit() {
        for second in UInt8.min...UInt8.max {
            let expected: PacketClass = (192...223).contains(second) ? .rtcp : .rtp
            #expect(PacketClass.classify([0x80, second, 0, 0]) == expected)
        }
        #expect(PacketClass.classify([0x81, 200]) == .rtcp)  // SR
        #expect(PacketClass.classify([0x80, 0x6F]) == .rtp)  // Opus PT 111
        #expect(PacketClass.classify([0x80, 0xE0]) == .rtp)  // marker + PT 96
    }

    @Test("real first packets: STUN Binding request, DTLS ClientHello record, empty")
    func realPackets() {
        #expect(PacketClass.classify(RFC5769Vectors.sampleRequestPrefix) == .stun)
        #expect(PacketClass.classify([0x16, 0xFE, 0xFD, 0, 0]) == .dtls)
        #expect(PacketClass.classify([UInt8]()) == .unknown)
        #expect(PacketClass.classify([0x17, 0xFE, 0xFD]) == .dtls)
        #expect(PacketClass.classify([0x40, 0x00]) == .unknown)  // TURN ChannelData
        #expect(PacketClass.classify([0x10]) == .unknown)  // ZRTP
    }
}

enum RFC5769Vectors {
    /// The first octets of RFC 5769 §2.1's request.
    static let sampleRequestPrefix: [UInt8] = [0x00, 0x01, 0x00, 0x58, 0x21, 0x12, 0xA4, 0x42]
}
