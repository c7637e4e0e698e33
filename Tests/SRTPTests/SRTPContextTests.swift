import Testing
@testable import SRTP

@Suite struct SRTPContextTests {
    private func keys(_ seed: UInt8, _ profile: SRTPProfile) -> SRTPKeyingMaterial {
        SRTPKeyingMaterial(
            masterKey: (0..<profile.masterKeyLength).map { UInt8($0) &+ seed },
            masterSalt: (0..<profile.masterSaltLength).map { UInt8($0) &* 3 &+ seed })
    }

    /// Alice's send keys are Bob's receive keys and vice versa.
    private func pair(_ profile: SRTPProfile) throws -> (alice: SRTPContext, bob: SRTPContext) {
        let a = keys(1, profile), b = keys(101, profile)
        return (try SRTPContext(profile: profile, send: a, receive: b),
                try SRTPContext(profile: profile, send: b, receive: a))
    }

    private func rtp(sequence: UInt16, ssrc: UInt32 = 0x1122_3344, payload: [UInt8]) -> [UInt8] {
        [0x80, 0x00, UInt8(sequence >> 8), UInt8(sequence & 0xFF), 0, 0, 0x03, 0x20,
         UInt8(ssrc >> 24), UInt8((ssrc >> 16) & 0xFF), UInt8((ssrc >> 8) & 0xFF), UInt8(ssrc & 0xFF)] + payload
    }

    private let rtcpReceiverReport: [UInt8] = [
        0x81, 0xC9, 0x00, 0x07, 0x11, 0x22, 0x33, 0x44,   // RR, 1 report block, SSRC of sender
        0x55, 0x66, 0x77, 0x88, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34,
        0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ]

    @Test(arguments: SRTPProfile.allCases)
    func rtpRoundTripsInBothDirections(profile: SRTPProfile) throws {
        let (alice, bob) = try pair(profile)
        for sequence in UInt16(1000)..<1010 {
            let packet = rtp(sequence: sequence, payload: (0..<160).map { UInt8(truncatingIfNeeded: $0 &+ Int(sequence)) })
            let protected = try alice.protect(packet)
            #expect(protected.count == packet.count + profile.rtpTrailerLength)
            #expect(Array(protected[0..<12]) == Array(packet[0..<12]), "header stays in the clear")
            #expect(Array(protected[12..<172]) != Array(packet[12..<172]), "payload is encrypted")
            #expect(try bob.unprotect(protected) == packet)

            let reply = rtp(sequence: sequence, ssrc: 0xAABB_CCDD, payload: [1, 2, 3, 4])
            #expect(try alice.unprotect(try bob.protect(reply)) == reply)
        }
    }

    @Test(arguments: SRTPProfile.allCases)
    func rtcpRoundTrips(profile: SRTPProfile) throws {
        let (alice, bob) = try pair(profile)
        let protected = try alice.protectRTCP(rtcpReceiverReport)
        let body = rtcpReceiverReport.count
        #expect(protected.count == body + 4 + profile.rtpTrailerLength)
        // E flag set, SRTCP index 1 for the first packet. RFC 3711 §3.4 puts the E||index word
        // before the tag; RFC 7714 §9.1 (AEAD) puts it after the tag, at the end.
        let word = switch profile {
        case .aesCM128HMACSHA1_80: Array(protected[body..<(body + 4)])
        case .aeadAES128GCM: Array(protected[(protected.count - 4)...])
        }
        #expect(word == [0x80, 0x00, 0x00, 0x01])
        #expect(try bob.unprotectRTCP(protected) == rtcpReceiverReport)
    }

    @Test(arguments: SRTPProfile.allCases)
    func tamperedPacketFailsAuthentication(profile: SRTPProfile) throws {
        let (alice, bob) = try pair(profile)
        var protected = try alice.protect(rtp(sequence: 7, payload: [UInt8](repeating: 0x55, count: 80)))
        protected[20] ^= 0x01
        let error = #expect(throws: SRTPError.self) { try bob.unprotect(protected) }
        #expect(error?.kind == .authenticationFailed)

        var protectedRTCP = try alice.protectRTCP(rtcpReceiverReport)
        protectedRTCP[10] ^= 0x80
        let rtcpError = #expect(throws: SRTPError.self) { try bob.unprotectRTCP(protectedRTCP) }
        #expect(rtcpError?.kind == .authenticationFailed)
    }

    @Test func wrongKeysFailAuthentication() throws {
        let profile = SRTPProfile.aesCM128HMACSHA1_80
        let sender = try SRTPContext(profile: profile, send: keys(1, profile), receive: keys(2, profile))
        let receiver = try SRTPContext(profile: profile, send: keys(2, profile), receive: keys(3, profile))
        let error = #expect(throws: SRTPError.self) { try receiver.unprotect(try sender.protect(rtp(sequence: 1, payload: [9]))) }
        #expect(error?.kind == .authenticationFailed)
    }

    @Test func replayedPacketIsRejected() throws {
        let (alice, bob) = try pair(.aesCM128HMACSHA1_80)
        let protected = try alice.protect(rtp(sequence: 42, payload: [1, 2, 3]))
        _ = try bob.unprotect(protected)
        let error = #expect(throws: SRTPError.self) { try bob.unprotect(protected) }
        #expect(error?.kind == .replayed)
    }

    @Test func invalidKeyLengthsAndShortPacketsAreRejected() throws {
        let good = keys(1, .aesCM128HMACSHA1_80)
        let gcmSized = keys(1, .aeadAES128GCM)   // 12-octet salt is wrong for AES-CM
        let error = #expect(throws: SRTPError.self) {
            try SRTPContext(profile: .aesCM128HMACSHA1_80, send: good, receive: gcmSized)
        }
        #expect(error?.kind == .badParameter)
        let context = try SRTPContext(profile: .aesCM128HMACSHA1_80, send: good, receive: good)
        #expect(throws: SRTPError(.malformedPacket, status: 0)) { try context.protect([0x80, 0, 0]) }
        #expect(throws: SRTPError(.malformedPacket, status: 0)) { try context.unprotectRTCP([0x80]) }
    }

    @Test func dtlsExportSplitsClientAndServerKeys() throws {
        // RFC 5764 §4.2: client key | server key | client salt | server salt.
        let material = (0..<60).map { UInt8($0) }
        let (client, server) = try SRTPKeyingMaterial.fromDTLSExport(material, profile: .aesCM128HMACSHA1_80)
        #expect(client.masterKey == Array(0..<16))
        #expect(server.masterKey == Array(16..<32))
        #expect(client.masterSalt == Array(32..<46))
        #expect(server.masterSalt == Array(46..<60))
        let gcm = try SRTPKeyingMaterial.fromDTLSExport(Array(material[0..<56]), profile: .aeadAES128GCM)
        #expect(gcm.server.masterSalt == Array(44..<56))
        #expect(throws: SRTPError.self) { try SRTPKeyingMaterial.fromDTLSExport(material, profile: .aeadAES128GCM) }
    }
}
