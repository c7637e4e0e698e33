import Testing
@testable import RTP

/// RFC 3550: RTP header (§5.1, §5.3.1), RTCP packets (§6.4–6.6) and Appendix A algorithms.
@Suite struct RFC3550Tests {
    @Test("§5.1 fixed header: minimal PCMU packet")
    func minimalHeader() throws {
        let bytes: [UInt8] = [0x80, 0x00, 0x12, 0x34, 0x00, 0x00, 0x00, 0xA0, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3]
        let packet = try RTPPacket(parsing: bytes)
        #expect(!packet.marker)
        #expect(packet.payloadType == 0)
        #expect(packet.sequenceNumber == 0x1234)
        #expect(packet.timestamp == 160)
        #expect(packet.ssrc == 0xDEAD_BEEF)
        #expect(Array(packet.payload) == [1, 2, 3])
        #expect(packet.serialize() == bytes)
        #expect(packet.serializedSize == bytes.count)
    }

    @Test("§5.1/§5.3.1: CSRCs, header extension, marker and padding parse and re-serialize identically")
    func fullHeader() throws {
        let bytes: [UInt8] = [
            0xB2, 0x88, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
            0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,
            0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0x00, 0x00,
            0xFF, 0xFE,
            0x00, 0x00, 0x03,
        ]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.marker)
        #expect(packet.payloadType == 8)
        #expect(packet.csrcs == [0x1111_1111, 0x2222_2222])
        #expect(packet.headerExtension?.profile == 0xBEDE)
        #expect(packet.headerExtension.map { Array($0.data) } == [0x10, 0xAA, 0x00, 0x00])
        #expect(Array(packet.payload) == [0xFF, 0xFE])
        #expect(packet.paddingLength == 3)
        #expect(packet.serialize() == bytes)
    }

    @Test("payload is a zero-copy slice of the datagram")
    func zeroCopy() throws {
        let bytes: [UInt8] = [0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 9, 8, 7]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.payload.startIndex == 12)
        bytes.withUnsafeBufferPointer { original in
            packet.payload.withUnsafeBufferPointer { slice in
                #expect(slice.baseAddress == original.baseAddress! + 12)
            }
        }
    }

    @Test("A.1 validity: malformed packets are typed errors", arguments: [
        ([0x80, 0x00, 0x00], RTPParseError.truncated),
        ([0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1], .unsupportedVersion),
        ([0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2], .truncated),
        ([0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0x00, 0x02, 0, 0, 0, 0], .truncated),
        ([0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE], .truncated),
        ([0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5, 0], .invalidPadding),
        ([0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5, 4], .invalidPadding),
        ([0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1], .invalidPadding),
    ] as [([UInt8], RTPParseError)])
    func malformed(bytes: [UInt8], error: RTPParseError) {
        #expect(throws: error) { try RTPPacket(parsing: bytes) }
    }

    // MARK: RTCP

    /// RR with one report block: fraction 0x40, cumulative lost −2, LSR 0x12345678, DLSR 1.5 s.
    static let receiverReportBytes: [UInt8] = [
        0x81, 0xC9, 0x00, 0x07, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x02, 0x40, 0xFF, 0xFF, 0xFE, 0x00, 0x01, 0x00, 0x05,
        0x00, 0x00, 0x00, 0x10, 0x12, 0x34, 0x56, 0x78, 0x00, 0x01, 0x80, 0x00,
    ]

    @Test("§6.4.2 RR with §6.4.1 report block; 24-bit signed cumulative loss")
    func receiverReport() throws {
        let packets = try RTCPPacket.parseCompound(Self.receiverReportBytes)
        let block = RTCPReportBlock(
            ssrc: 2, fractionLost: 0x40, cumulativeLost: -2, extendedHighestSequenceNumber: 0x0001_0005, jitter: 16,
            lastSenderReport: 0x1234_5678, delaySinceLastSenderReport: 0x0001_8000)
        #expect(packets == [.receiverReport(RTCPReceiverReport(ssrc: 1, reportBlocks: [block]))])
        #expect(RTCPPacket.serializeCompound(packets) == Self.receiverReportBytes)
    }

    @Test("§6.1 compound SR + SDES CNAME + BYE round-trips; SDES and BYE padded to 32 bits")
    func compound() throws {
        let sr = RTCPSenderReport(
            ssrc: 0xAABB_CCDD, ntpTimestamp: 0xE8F0_1234_8000_0000, rtpTimestamp: 123_456, packetCount: 50,
            octetCount: 8000,
            reportBlocks: [RTCPReportBlock(ssrc: 7, fractionLost: 0, cumulativeLost: 3,
                                           extendedHighestSequenceNumber: 70000, jitter: 12)])
        let sdes = RTCPSourceDescription(chunks: [.init(source: 0xAABB_CCDD, items: [.init(cname: "user")])])
        let bye = RTCPGoodbye(sources: [0xAABB_CCDD], reason: "bye")
        let bytes = RTCPPacket.serializeCompound([.senderReport(sr), .sourceDescription(sdes), .goodbye(bye)])
        #expect(bytes.count == 52 + 16 + 12)
        #expect(Array(bytes[52..<68]) == [0x81, 0xCA, 0x00, 0x03, 0xAA, 0xBB, 0xCC, 0xDD,
                                          0x01, 0x04, 0x75, 0x73, 0x65, 0x72, 0x00, 0x00])
        #expect(Array(bytes[68...]) == [0x81, 0xCB, 0x00, 0x02, 0xAA, 0xBB, 0xCC, 0xDD, 0x03, 0x62, 0x79, 0x65])
        let parsed = try RTCPPacket.parseCompound(bytes)
        #expect(parsed == [.senderReport(sr), .sourceDescription(sdes), .goodbye(bye)])
        if case .sourceDescription(let d) = parsed[1] { #expect(d.chunks.first?.cname == "user") }
        #expect(sr.compactNTPTimestamp == 0x1234_8000)
    }

    @Test("unknown RTCP types (e.g. RTPFB 205) are kept opaque and round-trip")
    func unknownType() throws {
        let bytes: [UInt8] = [0x81, 0xCD, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2]
        let parsed = try RTCPPacket.parseCompound(bytes)
        #expect(parsed.count == 1)
        #expect(RTCPPacket.serializeCompound(parsed) == bytes)
    }

    @Test("A.2 RTCP validity: bad lengths, versions and padding are typed errors", arguments: [
        ([0x81, 0xC9, 0x00, 0x07, 0, 0, 0, 1], RTPParseError.invalidLength),
        ([0x41, 0xC9, 0x00, 0x01, 0, 0, 0, 1], .unsupportedVersion),
        ([0x81, 0xC9, 0x00, 0x01, 0, 0, 0, 1], .invalidLength),
        ([0x81, 0xCA, 0x00, 0x02, 0, 0, 0, 1, 0x01, 0x09, 0x61, 0x62], .invalidLength),
        ([0xA0, 0xC9, 0x00, 0x01, 0, 0, 0, 0], .invalidPadding),
        ([0x80, 0xC9], .truncated),
        ([0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1, 0x80], .invalidLength),
    ] as [([UInt8], RTPParseError)])
    func rtcpMalformed(bytes: [UInt8], error: RTPParseError) {
        #expect(throws: error) { try RTCPPacket.parseCompound(bytes) }
    }

    // MARK: Appendix A

    @Test("A.1: MIN_SEQUENTIAL probation, then base_seq is the second packet")
    func probation() {
        var stats = RTPSourceStatistics(ssrc: 1, firstSequenceNumber: 100)
        let valid100 = stats.updateSequence(100)
        #expect(!valid100)
        let valid101 = stats.updateSequence(101)
        #expect(valid101)
        for seq: UInt16 in 102...109 { stats.updateSequence(seq) }
        #expect(stats.baseSequence == 101)
        #expect(stats.received == 9)
        #expect(stats.expected == 9)
        #expect(stats.cumulativeLost == 0)
    }

    @Test("A.1: sequence wrap increments cycles and the extended highest sequence number")
    func sequenceWrap() {
        var stats = RTPSourceStatistics(ssrc: 1, firstSequenceNumber: 65533)
        for seq: UInt16 in [65533, 65534, 65535, 0, 1] { stats.updateSequence(seq) }
        #expect(stats.cycles == 65536)
        #expect(stats.extendedHighestSequenceNumber == 65537)
        #expect(stats.expected == 4)
        #expect(stats.received == 4)
        // A reordered packet from before the wrap does not move max_seq back.
        stats.updateSequence(65535)
        #expect(stats.extendedHighestSequenceNumber == 65537)
        #expect(stats.cumulativeLost == -1)
    }

    @Test("A.1: a large jump is held back until a second sequential packet confirms a restart")
    func restart() {
        var stats = RTPSourceStatistics(ssrc: 1, firstSequenceNumber: 9)
        for seq: UInt16 in 9...10 { stats.updateSequence(seq) }
        let valid20000 = stats.updateSequence(20000)
        #expect(!valid20000)
        #expect(stats.maxSequence == 10)
        let valid20001 = stats.updateSequence(20001)
        #expect(valid20001)
        #expect(stats.baseSequence == 20001)
        #expect(stats.received == 1)
    }

    @Test("A.3: fraction lost per interval and cumulative loss")
    func lossComputation() {
        var stats = RTPSourceStatistics(ssrc: 1, firstSequenceNumber: 1)
        for seq: UInt16 in [1, 2, 3, 5, 6, 8, 9, 10] { stats.updateSequence(seq) }
        #expect(stats.expected == 9)
        #expect(stats.cumulativeLost == 2)
        #expect(stats.takeFractionLost() == 56)  // (2 << 8) / 9
        for seq: UInt16 in 11...20 { stats.updateSequence(seq) }
        #expect(stats.takeFractionLost() == 0)
        #expect(stats.cumulativeLost == 2)
    }

    @Test("A.8: jitter is zero for constant transit and follows J += (|D| − J)/16 for a known series")
    func jitter() {
        var constant = RTPSourceStatistics(ssrc: 1, firstSequenceNumber: 0, minSequential: 1)
        for i: UInt32 in 0..<50 {
            constant.received(sequenceNumber: UInt16(i), timestamp: i * 160, arrival: i * 160 + 1234)
        }
        #expect(constant.jitter == 0)
        var alternating = RTPSourceStatistics(ssrc: 1, firstSequenceNumber: 0, minSequential: 1)
        var observed: [UInt32] = []
        for i: UInt32 in 0..<500 {
            alternating.received(sequenceNumber: UInt16(i), timestamp: i * 160, arrival: i * 160 + (i % 2) * 16)
            observed.append(alternating.jitter)
        }
        // Scaled integer form: j16 = 16, 31, 45, 58 → jitter 1, 1, 2, 3 (float: 1, 1.94, 2.82, 3.64).
        #expect(Array(observed[1...4]) == [1, 1, 2, 3])
        // Converges just under |D| = 16 (integer rounding settles at 248/16).
        #expect(observed.last == 15)
    }

    @Test("§6.4: statistics build RR/SR with LSR and DLSR")
    func reportBuilding() throws {
        var stats = RTCPStatistics(localSSRC: 0x1000)
        for seq: UInt16 in [1, 2, 3, 5, 6, 8, 9, 10] {
            let packet = RTPPacket(payloadType: 0, sequenceNumber: seq, timestamp: UInt32(seq) * 160, ssrc: 0x2000,
                                   payload: [0, 0][...])
            stats.receivedRTP(packet, arrival: UInt32(seq) * 160)
        }
        let arrival: UInt64 = 10 << 32
        stats.receivedSenderReport(
            RTCPSenderReport(ssrc: 0x2000, ntpTimestamp: 0x0001_0002_0003_0004, rtpTimestamp: 0, packetCount: 0,
                             octetCount: 0), arrival: arrival)
        let rr = stats.makeReceiverReport(now: arrival + 0x8000_0000)
        #expect(rr == RTCPReceiverReport(ssrc: 0x1000, reportBlocks: [
            RTCPReportBlock(ssrc: 0x2000, fractionLost: 56, cumulativeLost: 2, extendedHighestSequenceNumber: 10,
                            jitter: 0, lastSenderReport: 0x0002_0003, delaySinceLastSenderReport: 0x8000),
        ]))
        stats.sentRTP(RTPPacket(payloadType: 0, sequenceNumber: 1, timestamp: 0, ssrc: 0x1000,
                                payload: ArraySlice(repeating: 0, count: 160)))
        let sr = stats.makeSenderReport(now: arrival, rtpTimestamp: 160)
        #expect(sr.packetCount == 1 && sr.octetCount == 160)
        #expect(sr.reportBlocks.first?.fractionLost == 0)
        stats.receivedGoodbye(RTCPGoodbye(sources: [0x2000]))
        #expect(stats.makeReceiverReport(now: arrival).reportBlocks.isEmpty)
    }
}
