import Testing
@testable import ICE
import STUN

/// `a=candidate` values (RFC 8839 §5.1) as real peers write them, and priorities (RFC 8445 §5.1.2).
@Suite struct ICECandidateTests {
    /// Candidate lines as peers write them. Chrome's mDNS line and the Firefox lines are as published in
    /// public bug reports and test suites; the aiortc lines were produced by aioice 0.13.0's
    /// `Candidate.to_sdp()` on a test machine; the others follow Chrome's documented shape with
    /// documentation addresses.
    static let realLines = [
        // Chrome: mDNS-obfuscated host (captured), srflx with raddr 0.0.0.0, TCP active, relay.
        "candidate:3005819299 1 udp 2113937151 983d4667-3222-491a-aace-e549cd9c13a8.local 54324 typ host generation 0 ufrag xMAc network-cost 999",
        "candidate:3442447574 1 udp 2122260223 e5a7c0f8-3b37-4f4d-9a7d-1f2a6b1b5c9e.local 55132 typ host generation 0 ufrag Xs7w network-id 1 network-cost 10",
        "candidate:1467250027 1 udp 1686052607 203.0.113.7 55132 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag Xs7w network-id 1 network-cost 10",
        "candidate:2996597519 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active generation 0 ufrag Xs7w network-id 1 network-cost 10",
        "candidate:4234997325 1 udp 41885439 198.51.100.9 61237 typ relay raddr 203.0.113.7 rport 55132 generation 0 ufrag Xs7w network-id 1 network-cost 10",
        // Firefox (captured): upper-case transport, mDNS host, TCP, srflx, component 2, IPv6.
        "candidate:0 1 UDP 2122252543 78677bb1-7843-4445-b8e7-44449283c4e1.local 38038 typ host",
        "candidate:3 1 TCP 2105524479 78677bb1-7843-4445-b8e7-44449283c4e1.local 9 typ host tcptype active",
        "candidate:1 1 UDP 1686052863 127.0.0.1 38038 typ srflx raddr 0.0.0.0 rport 0",
        "candidate:0 2 UDP 2122252542 192.168.39.107 33292 typ host",
        "candidate:1 1 UDP 2122187007 2001:db8:3::5 50032 typ host",
        // aiortc/aioice 0.13.0 output: 32-hex-digit foundations, IPv6, component 2, srflx.
        "candidate:f957a2332b1715da3b0ef8ba684454eb 1 udp 2130706431 192.0.2.2 48974 typ host",
        "candidate:d0bcf3d9c29a2bc887618212a1623bfa 1 udp 2130706431 fd00::2 38915 typ host",
        "candidate:f957a2332b1715da3b0ef8ba684454eb 2 udp 2130706430 192.0.2.2 38200 typ host",
        "candidate:833be0769d1cfb76ed4be8b6b6e7d10d 1 udp 1694498815 203.0.113.50 40001 typ srflx raddr 192.0.2.2 rport 40001",
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
        let candidate = try ICECandidate(parsing: Self.realLines[1])
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
        let captured = try ICECandidate(parsing: Self.realLines[0])
        #expect(captured.isMDNS && captured.ipAddress == nil && captured.extensionValue("ufrag") == "xMAc")
        #expect(candidate.extensions.map(\.name) == ["generation", "ufrag", "network-id", "network-cost"])
    }

    @Test("srflx with raddr/rport; relay; Firefox IPv6 and TCP")
    func otherShapes() throws {
        let srflx = try ICECandidate(parsing: Self.realLines[2])
        #expect(srflx.type == .serverReflexive)
        #expect(srflx.relatedAddress == "0.0.0.0" && srflx.relatedPort == 0)
        #expect(srflx.transportAddress == TransportAddress("203.0.113.7:55132"))
        let relay = try ICECandidate(parsing: Self.realLines[4])
        #expect(relay.type == .relayed && relay.relatedPort == 55132)
        let v6 = try ICECandidate(parsing: Self.realLines[9])
        #expect(v6.ipAddress == IPAddress("2001:db8:3::5"))
        let tcp = try ICECandidate(parsing: Self.realLines[6])
        #expect(tcp.isMDNS)
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

    @Test("our priorities agree with aioice's for host (components 1, 2) and srflx")
    func prioritiesMatchAioice() throws {
        #expect(try ICECandidate(parsing: Self.realLines[10]).priority == ICECandidate.priority(type: .host))
        #expect(try ICECandidate(parsing: Self.realLines[12]).priority
            == ICECandidate.priority(type: .host, componentID: 2))
        #expect(try ICECandidate(parsing: Self.realLines[13]).priority == ICECandidate.priority(type: .serverReflexive))
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
