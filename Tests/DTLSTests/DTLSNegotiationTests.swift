import Testing
import DTLS

/// SDP-facing helpers: `a=setup` roles (RFC 4145, RFC 5763 §5, RFC 8842), `a=fingerprint` parsing
/// (RFC 8122 §5) and the RFC 5764 §4.2 key split.
@Suite struct DTLSNegotiationTests {
    @Test(arguments: [
        (DTLSSetup?.some(.actpass), DTLSSetup.active),
        (.some(.passive), .active),
        (.some(.active), .passive),
        (.some(.holdconn), .holdconn),
        (nil, .passive),   // RFC 4145 §4.1: an absent a=setup means the offerer is active
    ])
    func answerSetup(offer: DTLSSetup?, answer: DTLSSetup) {
        #expect(DTLSSetup.answer(toOffer: offer) == answer)
    }

    @Test func rolesFollowSetup() {
        #expect(DTLSRole(localSetup: .active) == .client)
        #expect(DTLSRole(localSetup: .passive) == .server)
        #expect(DTLSRole(localSetup: .actpass) == nil)
        #expect(DTLSRole(localSetup: .holdconn) == nil)
        // We offered actpass; the answer decides.
        #expect(DTLSRole.offerer(remoteAnswerSetup: .active) == .server)
        #expect(DTLSRole.offerer(remoteAnswerSetup: .passive) == .client)
        #expect(DTLSRole.offerer(remoteAnswerSetup: .actpass) == nil)
        // Answering a browser's actpass offer makes us the DTLS client, as FreeSWITCH does.
        #expect(DTLSRole(localSetup: DTLSSetup.answer(toOffer: .actpass)) == .client)
        #expect(DTLSRole.answerer(remoteOfferSetup: .actpass) == .client)
        #expect(DTLSRole.answerer(remoteOfferSetup: .passive) == .client)
        #expect(DTLSRole.answerer(remoteOfferSetup: .active) == .server)
        #expect(DTLSRole.answerer(remoteOfferSetup: .holdconn) == nil)
    }

    @Test func setupAttributeParsing() {
        #expect(DTLSSetup(attributeValue: "actpass") == .actpass)
        #expect(DTLSSetup(attributeValue: " ACTIVE ") == .active)
        #expect(DTLSSetup(attributeValue: "passive extra") == nil)
        #expect(DTLSSetup(attributeValue: "") == nil)
        #expect(DTLSSetup(attributeValue: "sideways") == nil)
    }

    @Test func fingerprintParsing() throws {
        let certificate = try TestCertificates.make("fp.test")
        let parsed = try #require(DTLSFingerprint(attributeValue: certificate.sdpFingerprint))
        #expect(parsed.hashFunction == .sha256)
        #expect(parsed.digest.count == 32)
        #expect(parsed.attributeValue == certificate.sdpFingerprint)
        // Case-insensitive hash name and hex.
        #expect(DTLSFingerprint(attributeValue: certificate.sdpFingerprint.uppercased().lowercased()) == parsed)
        #expect(DTLSFingerprint(attributeValue: "SHA-256 " + certificate.fingerprintSHA256) == parsed)

        let sha1 = "sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB"
        #expect(DTLSFingerprint(attributeValue: sha1)?.hashFunction == .sha1)
        #expect(DTLSFingerprint(attributeValue: "sha-512 " + Array(repeating: "0F", count: 64).joined(separator: ":"))?.digest.count == 64)
    }

    @Test(arguments: [
        "md5 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B",   // refused hash function
        "sha-256 4A:AD",                                         // wrong length
        "sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:00",
        "sha-1 4AAD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB",
        "sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:ZZ",
        "sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:",
        "sha-1",
        "",
    ])
    func malformedFingerprintsAreRejected(value: String) {
        #expect(DTLSFingerprint(attributeValue: value) == nil)
    }

    /// RFC 5764 §4.2: client key | server key | client salt | server salt.
    @Test func exportedKeyingMaterialSplitsByRole() throws {
        let material = (0..<60).map(UInt8.init)
        let client = try #require(DTLSSRTPKeys(exportedKeyingMaterial: material, profile: .aes128CMHMACSHA1_80, role: .client))
        let server = try #require(DTLSSRTPKeys(exportedKeyingMaterial: material, profile: .aes128CMHMACSHA1_80, role: .server))
        #expect(client.localMasterKey == Array(0..<16))
        #expect(client.remoteMasterKey == Array(16..<32))
        #expect(client.localMasterSalt == Array(32..<46))
        #expect(client.remoteMasterSalt == Array(46..<60))
        #expect(server.localMasterKey == client.remoteMasterKey && server.localMasterSalt == client.remoteMasterSalt)
        #expect(server.remoteMasterKey == client.localMasterKey && server.remoteMasterSalt == client.localMasterSalt)
        #expect(client.protectionProfileID == 0x0001)

        let gcm = try #require(DTLSSRTPKeys(
            exportedKeyingMaterial: Array(material.prefix(56)), profile: .aeadAES128GCM, role: .client))
        #expect(gcm.localMasterSalt == Array(32..<44) && gcm.remoteMasterSalt == Array(44..<56))
        #expect(gcm.protectionProfileID == 0x0007)
        #expect(DTLSSRTPKeys(exportedKeyingMaterial: material, profile: .aeadAES128GCM, role: .client) == nil)
    }

    @Test func protectionProfileIdentifiers() {
        #expect(DTLSSRTPProtectionProfile(id: 0x0001) == .aes128CMHMACSHA1_80)
        #expect(DTLSSRTPProtectionProfile(id: 0x0007) == .aeadAES128GCM)
        #expect(DTLSSRTPProtectionProfile(id: 0x0002) == nil)
        #expect(DTLSSRTPProtectionProfile.defaultPreference == [.aeadAES128GCM, .aes128CMHMACSHA1_80])
    }
}
