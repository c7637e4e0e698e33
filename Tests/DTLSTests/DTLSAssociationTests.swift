import Testing
import DTLS

@Suite struct DTLSAssociationTests {
    private let clientCertificate: SelfSignedCertificate
    private let serverCertificate: SelfSignedCertificate

    init() throws {
        clientCertificate = try TestCertificates.make("client.test")
        serverCertificate = try TestCertificates.make("server.test")
    }

    private func makeLink(
        clientProfiles: [DTLSSRTPProtectionProfile] = DTLSSRTPProtectionProfile.defaultPreference,
        serverProfiles: [DTLSSRTPProtectionProfile] = DTLSSRTPProtectionProfile.defaultPreference,
        clientExpects: [DTLSFingerprint]? = nil, serverExpects: [DTLSFingerprint]? = nil,
        configuration: DTLSAssociation.Configuration = .init()
    ) throws -> DTLSTestLink {
        let client = try DTLSAssociation(
            role: .client, context: DTLSContext(certificate: clientCertificate, protectionProfiles: clientProfiles),
            remoteFingerprints: clientExpects ?? [TestCertificates.fingerprint(serverCertificate)],
            configuration: configuration)
        let server = try DTLSAssociation(
            role: .server, context: DTLSContext(certificate: serverCertificate, protectionProfiles: serverProfiles),
            remoteFingerprints: serverExpects ?? [TestCertificates.fingerprint(clientCertificate)],
            configuration: configuration)
        return DTLSTestLink(client: client, server: server)
    }

    @Test func handshakeCompletesAndBothSidesDeriveMirroredKeys() throws {
        let link = try makeLink()
        link.startAndRun()
        let clientKeys = try #require(link.client.keys, "client outcomes: \(link.client.outcomes)")
        let serverKeys = try #require(link.server.keys, "server outcomes: \(link.server.outcomes)")
        #expect(link.client.association.state == .connected)
        #expect(link.server.association.state == .connected)

        #expect(clientKeys.profile == .aeadAES128GCM)   // both prefer GCM
        #expect(serverKeys.profile == .aeadAES128GCM)
        #expect(clientKeys.localMasterKey == serverKeys.remoteMasterKey)
        #expect(clientKeys.localMasterSalt == serverKeys.remoteMasterSalt)
        #expect(clientKeys.remoteMasterKey == serverKeys.localMasterKey)
        #expect(clientKeys.remoteMasterSalt == serverKeys.localMasterSalt)
        #expect(clientKeys.localMasterKey != clientKeys.remoteMasterKey)
        #expect(clientKeys.localMasterKey.count == 16 && clientKeys.localMasterSalt.count == 12)
        #expect(link.client.association.keys == clientKeys)
        #expect(clientKeys.description == "DTLSSRTPKeys(SRTP_AEAD_AES_128_GCM, keys redacted)")
    }

    @Test(arguments: [
        // (client offers, server prefers, selected)
        ([DTLSSRTPProtectionProfile.aeadAES128GCM, .aes128CMHMACSHA1_80], [DTLSSRTPProtectionProfile.aes128CMHMACSHA1_80, .aeadAES128GCM], DTLSSRTPProtectionProfile.aes128CMHMACSHA1_80),
        ([.aes128CMHMACSHA1_80, .aeadAES128GCM], [.aeadAES128GCM, .aes128CMHMACSHA1_80], .aeadAES128GCM),
        ([.aes128CMHMACSHA1_80], [.aeadAES128GCM, .aes128CMHMACSHA1_80], .aes128CMHMACSHA1_80),
        ([.aeadAES128GCM], [.aeadAES128GCM], .aeadAES128GCM),
    ])
    func serverPreferenceSelectsTheProfile(
        offered: [DTLSSRTPProtectionProfile], preferred: [DTLSSRTPProtectionProfile], selected: DTLSSRTPProtectionProfile
    ) throws {
        let link = try makeLink(clientProfiles: offered, serverProfiles: preferred)
        link.startAndRun()
        #expect(link.client.keys?.profile == selected)
        #expect(link.server.keys?.profile == selected)
        #expect(link.client.keys?.localMasterSalt.count == selected.masterSaltLength)
    }

    @Test func noCommonProfileFails() throws {
        let link = try makeLink(clientProfiles: [.aes128CMHMACSHA1_80], serverProfiles: [.aeadAES128GCM])
        link.startAndRun()
        #expect(link.client.keys == nil && link.server.keys == nil)
        let failure = try #require(link.client.failure ?? link.server.failure)
        #expect(failure.kind == .noSRTPProfile)
        #expect(failure.reason.contains("use_srtp"))
    }

    @Test func fingerprintMismatchFailsWithAClearReason() throws {
        let stranger = try TestCertificates.make("stranger.test")
        let link = try makeLink(serverExpects: [TestCertificates.fingerprint(stranger)])
        link.startAndRun()
        let failure = try #require(link.server.failure, "server outcomes: \(link.server.outcomes)")
        #expect(failure.kind == .fingerprintMismatch)
        #expect(failure.reason.contains("does not match the SDP a=fingerprint"))
        #expect(failure.reason.contains(clientCertificate.fingerprintSHA256))
        #expect(failure.reason.contains(stranger.fingerprintSHA256))
        #expect(link.server.keys == nil)
        #expect(link.server.association.state == .failed)
        #expect(link.server.association.keys == nil)
        // Later input is ignored.
        #expect(link.server.association.receive(link.client.sent[0], now: link.now).isEmpty)
    }

    @Test func strongestOfferedHashFunctionDecides() throws {
        // RFC 8122 §5: with sha-256 and sha-1 offered, sha-256 is checked; a wrong sha-1 does not matter.
        let wrongSHA1 = try #require(DTLSFingerprint(hashFunction: .sha1, digest: Array(repeating: 0xAB, count: 20)))
        let link = try makeLink(clientExpects: [wrongSHA1, TestCertificates.fingerprint(serverCertificate)])
        link.startAndRun()
        #expect(link.client.keys != nil)

        // …and a wrong sha-512 next to a right sha-256 fails.
        let wrongSHA512 = try #require(DTLSFingerprint(hashFunction: .sha512, digest: Array(repeating: 1, count: 64)))
        let other = try makeLink(clientExpects: [TestCertificates.fingerprint(serverCertificate), wrongSHA512])
        other.startAndRun()
        #expect(other.client.failure?.kind == .fingerprintMismatch)
    }

    @Test func keysWaitForALateRemoteFingerprint() throws {
        let link = try makeLink(clientExpects: [])
        link.startAndRun()
        #expect(link.client.association.state == .awaitingRemoteFingerprint)
        #expect(link.client.outcomes.isEmpty)
        #expect(link.server.keys != nil)
        let actions = link.client.association.setRemoteFingerprints(
            [TestCertificates.fingerprint(serverCertificate)], now: link.now)
        link.apply(actions, from: link.client)
        #expect(link.client.keys == link.server.keys.map(mirror))
        #expect(link.client.association.state == .connected)
    }

    private func mirror(_ keys: DTLSSRTPKeys) -> DTLSSRTPKeys? {
        let material = keys.remoteMasterKey + keys.localMasterKey + keys.remoteMasterSalt + keys.localMasterSalt
        return DTLSSRTPKeys(exportedKeyingMaterial: material, profile: keys.profile, role: .client)
    }

    @Test func datagramsRespectTheMTUAndSmallMTUsStillWork() throws {
        let link = try makeLink()
        link.startAndRun()
        #expect(link.client.sent.allSatisfy { $0.count <= 1200 })
        #expect(link.server.sent.allSatisfy { $0.count <= 1200 })

        let small = try makeLink(configuration: .init(maximumTransmissionUnit: 300))
        small.startAndRun()
        #expect(small.client.keys != nil && small.server.keys != nil)
        #expect(small.client.sent.allSatisfy { $0.count <= 300 })
        #expect(small.server.sent.allSatisfy { $0.count <= 300 })
        #expect(small.server.sent.count > link.server.sent.count, "flights were split into more datagrams")
    }

    @Test func closeNotifyClosesBothSides() throws {
        let link = try makeLink()
        link.startAndRun()
        link.apply(link.client.association.close(now: link.now), from: link.client)
        #expect(link.client.outcomes.last == .closed)
        #expect(link.client.association.state == .closed)
        link.deliverAll()
        #expect(link.server.outcomes.last == .closed)
        #expect(link.server.association.state == .closed)
        #expect(link.client.association.close(now: link.now).isEmpty)
    }

    @Test func invalidConfigurationIsRejected() throws {
        #expect(throws: DTLSFailure.self) {
            try DTLSContext(certificate: clientCertificate, protectionProfiles: [])
        }
        let error = #expect(throws: DTLSFailure.self) {
            try DTLSAssociation(role: .client, certificate: clientCertificate, remoteFingerprints: [],
                                configuration: .init(maximumTransmissionUnit: 20))
        }
        #expect(error?.kind == .configuration)
    }

    /// A ClientHello whose handshake type was changed to ServerHello: the server answers with a fatal
    /// alert and fails with OpenSSL's error text; the client fails on that alert.
    @Test func handshakeErrorsCarryOpenSSLReasonsAndAlertThePeer() throws {
        let link = try makeLink()
        link.apply(link.client.association.start(now: link.now), from: link.client)
        var clientHello = link.server.inbox.removeFirst()
        #expect(clientHello[13] == 1)   // HandshakeType client_hello, right after the 13-octet record header
        clientHello[13] = 2
        link.apply(link.server.association.receive(clientHello, now: link.now), from: link.server)
        let serverFailure = try #require(link.server.failure, "server outcomes: \(link.server.outcomes)")
        #expect(serverFailure.kind == .handshake)
        #expect(serverFailure.reason.contains("unexpected message"), "\(serverFailure.reason)")
        #expect(link.server.sent.first?[0] == 21, "a fatal alert record went out first")

        link.deliverAll()
        let clientFailure = try #require(link.client.failure, "client outcomes: \(link.client.outcomes)")
        #expect(clientFailure.kind == .handshake)
        #expect(clientFailure.reason.contains("alert unexpected message"), "\(clientFailure.reason)")
    }
}
