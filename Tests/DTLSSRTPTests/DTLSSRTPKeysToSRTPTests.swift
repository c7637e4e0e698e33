import Testing
import DTLS
import DTLSSRTP
import SRTP

/// End to end: a DTLS-SRTP handshake in memory, then SRTP both ways with the contexts built from
/// each side's keys.
@Suite struct DTLSSRTPKeysToSRTPTests {
    /// Runs a lossless in-memory handshake and returns (client keys, server keys).
    private func handshake(serverPreference: [DTLSSRTPProtectionProfile]) throws -> (DTLSSRTPKeys, DTLSSRTPKeys) {
        let a = try SelfSignedCertificate.generate(commonName: "a.test", validDays: 1)
        let b = try SelfSignedCertificate.generate(commonName: "b.test", validDays: 1)
        let client = try DTLSAssociation(
            role: .client, certificate: a, remoteFingerprints: [DTLSFingerprint(attributeValue: b.sdpFingerprint)!])
        let server = try DTLSAssociation(
            role: .server, context: DTLSContext(certificate: b, protectionProfiles: serverPreference),
            remoteFingerprints: [DTLSFingerprint(attributeValue: a.sdpFingerprint)!])
        let now = ContinuousClock.now
        var toServer: [[UInt8]] = [], toClient: [[UInt8]] = []
        var clientKeys: DTLSSRTPKeys?, serverKeys: DTLSSRTPKeys?
        func collect(_ actions: [DTLSAssociation.Action], into outbox: inout [[UInt8]], keys: inout DTLSSRTPKeys?) {
            for action in actions {
                if case .transmit(let datagram) = action { outbox.append(datagram) }
                if case .connected(let connected) = action { keys = connected }
            }
        }
        collect(client.start(now: now), into: &toServer, keys: &clientKeys)
        while !toServer.isEmpty || !toClient.isEmpty {
            for datagram in toServer { collect(server.receive(datagram, now: now), into: &toClient, keys: &serverKeys) }
            toServer.removeAll()
            for datagram in toClient { collect(client.receive(datagram, now: now), into: &toServer, keys: &clientKeys) }
            toClient.removeAll()
        }
        return (try #require(clientKeys), try #require(serverKeys))
    }

    private func rtp(sequence: UInt16, ssrc: UInt32) -> [UInt8] {
        [0x80, 0x6F, UInt8(sequence >> 8), UInt8(sequence & 0xFF), 0, 0, 0x03, 0x20,
         UInt8(ssrc >> 24), UInt8((ssrc >> 16) & 0xFF), UInt8((ssrc >> 8) & 0xFF), UInt8(ssrc & 0xFF)]
            + (0..<160).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(sequence)) }
    }

    @Test(arguments: [
        ([DTLSSRTPProtectionProfile.aeadAES128GCM, .aes128CMHMACSHA1_80], SRTPProfile.aeadAES128GCM),
        ([.aes128CMHMACSHA1_80, .aeadAES128GCM], .aesCM128HMACSHA1_80),
    ])
    func srtpFlowsBothWaysWithTheNegotiatedProfile(preference: [DTLSSRTPProtectionProfile], expected: SRTPProfile) throws {
        let (clientKeys, serverKeys) = try handshake(serverPreference: preference)
        let client = try SRTPContext(dtlsSRTPKeys: clientKeys)
        let server = try SRTPContext(dtlsSRTPKeys: serverKeys)
        #expect(client.profile == expected && server.profile == expected)
        for sequence in UInt16(1)...5 {
            let outbound = rtp(sequence: sequence, ssrc: 0x1111_1111)
            let protected = try client.protect(outbound)
            #expect(protected.count == outbound.count + expected.rtpTrailerLength)
            #expect(try server.unprotect(protected) == outbound)
            let inbound = rtp(sequence: sequence, ssrc: 0x2222_2222)
            #expect(try client.unprotect(try server.protect(inbound)) == inbound)
        }
        let report: [UInt8] = [0x80, 0xC9, 0x00, 0x01, 0x11, 0x11, 0x11, 0x11]
        #expect(try server.unprotectRTCP(try client.protectRTCP(report)) == report)
    }

    @Test func ownKeysDoNotOpenOwnPackets() throws {
        let (clientKeys, _) = try handshake(serverPreference: DTLSSRTPProtectionProfile.defaultPreference)
        let client = try SRTPContext(dtlsSRTPKeys: clientKeys)
        let loopback = try SRTPContext(dtlsSRTPKeys: clientKeys)
        let error = #expect(throws: SRTPError.self) {
            try loopback.unprotect(try client.protect(rtp(sequence: 1, ssrc: 7)))
        }
        #expect(error?.kind == .authenticationFailed)
    }

    @Test func profilesMapByIdentifier() {
        for profile in DTLSSRTPProtectionProfile.allCases {
            #expect(SRTPProfile(profile).protectionProfileID == profile.id)
            #expect(SRTPProfile(protectionProfileID: profile.id) == SRTPProfile(profile))
            #expect(SRTPProfile(profile).masterSaltLength == profile.masterSaltLength)
            #expect(SRTPProfile(profile).openSSLName == profile.name)
        }
    }
}
