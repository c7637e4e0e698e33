import COpenSSL
import Foundation
import Testing
import DTLS

@Suite struct SelfSignedCertificateTests {
    /// Parses the PEM back with OpenSSL itself (not through DTLS).
    private func parse(_ pem: String) throws -> OpaquePointer {
        let bio = try #require(BIO_new(BIO_s_mem()))
        defer { BIO_free(bio) }
        let bytes = Array(pem.utf8)
        #expect(BIO_write(bio, bytes, Int32(bytes.count)) == Int32(bytes.count))
        return try #require(PEM_read_bio_X509(bio, nil, nil, nil))
    }

    private func digestHex(_ certificate: OpaquePointer) -> String {
        var digest = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        #expect(X509_digest(certificate, EVP_sha256(), &digest, &length) == 1)
        #expect(length == 32)
        return digest.prefix(Int(length)).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    private func subjectAltNames(_ certificate: OpaquePointer) -> String {
        let index = X509_get_ext_by_NID(certificate, NID_subject_alt_name, -1)
        guard index >= 0, let ext = X509_get_ext(certificate, index), let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        _ = X509V3_EXT_print(bio, ext, 0, 0)
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = BIO_read(bio, &buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix(Int(max(n, 0))), as: UTF8.self)
    }

    @Test func generatedCertificateParsesAndFingerprintMatchesX509Digest() throws {
        let generated = try SelfSignedCertificate.generate(commonName: "switchboard.test", validDays: 365)
        #expect(generated.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(generated.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))

        let certificate = try parse(generated.certificatePEM)
        defer { X509_free(certificate) }
        #expect(generated.fingerprintSHA256 == digestHex(certificate))
        #expect(generated.fingerprintSHA256.count == 95)
        #expect(generated.fingerprintSHA256.wholeMatch(of: /([0-9A-F]{2}:){31}[0-9A-F]{2}/) != nil)
        #expect(generated.sdpFingerprint == "sha-256 " + generated.fingerprintSHA256)
        #expect(try SelfSignedCertificate.fingerprint(ofPEM: generated.certificatePEM) == generated.fingerprintSHA256)
    }

    @Test func certificateIsV3SelfSignedP256WithExpectedNamesAndValidity() throws {
        let generated = try SelfSignedCertificate.generate(commonName: "pbx.example.com", validDays: 30)
        let certificate = try parse(generated.certificatePEM)
        defer { X509_free(certificate) }

        #expect(X509_get_version(certificate) == 2)   // v3
        // Self-signed: subject == issuer, and the signature verifies with its own public key.
        #expect(X509_NAME_cmp(X509_get_subject_name(certificate), X509_get_issuer_name(certificate)) == 0)
        let publicKey = try #require(X509_get0_pubkey(certificate))
        #expect(X509_verify(certificate, publicKey) == 1)
        #expect(EVP_PKEY_get_base_id(publicKey) == EVP_PKEY_EC)
        #expect(EVP_PKEY_get_bits(publicKey) == 256)
        #expect(X509_get_signature_nid(certificate) == NID_ecdsa_with_SHA256)

        var cn = [CChar](repeating: 0, count: 128)
        let cnLength = X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, &cn, Int32(cn.count))
        #expect(String(decoding: cn.prefix(Int(cnLength)).map { UInt8(bitPattern: $0) }, as: UTF8.self) == "pbx.example.com")
        #expect(subjectAltNames(certificate) == "DNS:pbx.example.com, IP Address:127.0.0.1")

        // notBefore is in the past, notAfter ≈ now + 30 days.
        var days: Int32 = 0, seconds: Int32 = 0
        #expect(X509_cmp_current_time(X509_get0_notBefore(certificate)) < 0)
        #expect(ASN1_TIME_diff(&days, &seconds, nil, X509_get0_notAfter(certificate)) == 1)
        let remaining = Int(days) * 86400 + Int(seconds)
        #expect(remaining > 30 * 86400 - 120 && remaining <= 30 * 86400, "notAfter in \(remaining) s")
    }

    @Test func serialsAreRandomAndFingerprintsDiffer() throws {
        let a = try SelfSignedCertificate.generate(commonName: "a.test", validDays: 1)
        let b = try SelfSignedCertificate.generate(commonName: "a.test", validDays: 1)
        #expect(a.fingerprintSHA256 != b.fingerprintSHA256)
        let ca = try parse(a.certificatePEM), cb = try parse(b.certificatePEM)
        defer { X509_free(ca); X509_free(cb) }
        #expect(ASN1_INTEGER_cmp(X509_get0_serialNumber(ca), X509_get0_serialNumber(cb)) != 0)
        #expect(ASN1_STRING_length(X509_get0_serialNumber(ca)) == 16)
    }

    @Test func ipAddressCommonNameBecomesIPSubjectAltName() throws {
        let generated = try SelfSignedCertificate.generate(commonName: "192.0.2.10", validDays: 1)
        let certificate = try parse(generated.certificatePEM)
        defer { X509_free(certificate) }
        #expect(subjectAltNames(certificate) == "IP Address:192.0.2.10, IP Address:127.0.0.1")
    }

    @Test func loadingChecksThatKeyMatchesCertificate() throws {
        let a = try SelfSignedCertificate.generate(commonName: "a.test", validDays: 1)
        let b = try SelfSignedCertificate.generate(commonName: "b.test", validDays: 1)
        let loaded = try SelfSignedCertificate(certificatePEM: a.certificatePEM, privateKeyPEM: a.privateKeyPEM)
        #expect(loaded == a)
        let error = #expect(throws: CertificateError.self) {
            try SelfSignedCertificate(certificatePEM: a.certificatePEM, privateKeyPEM: b.privateKeyPEM)
        }
        #expect(error?.operation == "X509_check_private_key")
    }

    @Test func invalidInputIsRejected() {
        #expect(throws: CertificateError.self) { try SelfSignedCertificate.fingerprint(ofPEM: "not a certificate") }
        #expect(throws: CertificateError.self) { try SelfSignedCertificate.generate(commonName: "", validDays: 1) }
        #expect(throws: CertificateError.self) { try SelfSignedCertificate.generate(commonName: "a,DNS:evil", validDays: 1) }
        #expect(throws: CertificateError.self) { try SelfSignedCertificate.generate(commonName: "ok.test", validDays: 0) }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func fingerprintMatchesOpenSSLCommandLine() throws {
        let generated = try SelfSignedCertificate.generate(commonName: "cli.test", validDays: 7)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["x509", "-noout", "-fingerprint", "-sha256"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(generated.certificatePEM.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // "sha256 Fingerprint=AB:CD:…" (OpenSSL 3) or "SHA256 Fingerprint=…" (1.1)
        let line = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let value = try #require(line.split(separator: "=", maxSplits: 1).last)
        #expect(String(value) == generated.fingerprintSHA256)
    }
}
