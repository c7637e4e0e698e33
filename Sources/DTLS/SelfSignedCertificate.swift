internal import COpenSSL

/// A self-signed X.509 v3 certificate with an EC P-256 key, in PEM form.
///
/// Used for SIP over TLS (port 5061) and as the DTLS-SRTP identity, where peers authenticate it by
/// the `a=fingerprint` SDP attribute rather than by a CA (RFC 5763 §5, RFC 8122 §5).
public struct SelfSignedCertificate: Sendable, Hashable {
    /// `-----BEGIN CERTIFICATE-----` PEM.
    public let certificatePEM: String
    /// `-----BEGIN PRIVATE KEY-----` PEM (PKCS #8, unencrypted). Store with mode 0600.
    public let privateKeyPEM: String
    /// SHA-256 of the DER certificate as upper-case hex octets joined by colons
    /// (`AB:CD:…`, 95 characters), the form RFC 8122 §5 uses in `a=fingerprint`.
    public let fingerprintSHA256: String

    /// The SDP attribute value, e.g. `sha-256 AB:CD:…` (RFC 8122 §5).
    public var sdpFingerprint: String { "sha-256 " + fingerprintSHA256 }

    /// Loads an existing certificate and key, checking that the key belongs to the certificate.
    public init(certificatePEM: String, privateKeyPEM: String) throws(CertificateError) {
        let certificate = try Self.readCertificate(certificatePEM)
        defer { X509_free(certificate) }
        let key = try Self.readPrivateKey(privateKeyPEM)
        defer { EVP_PKEY_free(key) }
        guard X509_check_private_key(certificate, key) == 1 else {
            ERR_clear_error()
            throw CertificateError(operation: "X509_check_private_key", reason: "private key does not match the certificate")
        }
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.fingerprintSHA256 = try Self.fingerprint(of: certificate)
    }

    private init(certificatePEM: String, privateKeyPEM: String, fingerprintSHA256: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.fingerprintSHA256 = fingerprintSHA256
    }

    /// Generates a new key pair and certificate.
    ///
    /// The certificate has subject and issuer `CN=<commonName>`, a random positive 127-bit serial
    /// (RFC 5280 §4.1.2.2), validity from one hour ago to `validDays` from now, and the extensions
    /// basicConstraints `CA:FALSE`, keyUsage digitalSignature, extendedKeyUsage serverAuth and
    /// clientAuth, and subjectAltName `DNS:<commonName>` (or `IP:` for an address literal) plus
    /// `IP:127.0.0.1`. Signed with ECDSA-SHA256.
    public static func generate(commonName: String, validDays: Int) throws(CertificateError) -> SelfSignedCertificate {
        guard validDays > 0, validDays <= 36500 else {
            throw CertificateError(operation: "generate", reason: "validDays must be 1...36500")
        }
        let subjectAltName = try subjectAltName(for: commonName)
        guard let key = shim_EVP_EC_gen_p256() else { throw .openSSL("EVP_EC_gen") }
        defer { EVP_PKEY_free(key) }
        guard let certificate = X509_new() else { throw .openSSL("X509_new") }
        defer { X509_free(certificate) }

        guard X509_set_version(certificate, 2) == 1 else { throw .openSSL("X509_set_version") }   // v3
        try setRandomSerial(certificate)
        guard X509_gmtime_adj(X509_getm_notBefore(certificate), -3600) != nil,
              X509_time_adj_ex(X509_getm_notAfter(certificate), Int32(validDays), 0, nil) != nil
        else { throw .openSSL("X509_time_adj") }

        guard let name = X509_get_subject_name(certificate) else { throw .openSSL("X509_get_subject_name") }
        let cn = Array(commonName.utf8)
        guard X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, Int32(cn.count), -1, 0) == 1,
              X509_set_issuer_name(certificate, name) == 1
        else { throw .openSSL("X509_NAME_add_entry_by_txt") }
        guard X509_set_pubkey(certificate, key) == 1 else { throw .openSSL("X509_set_pubkey") }

        try addExtensions(certificate, [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth,clientAuth"),
            (NID_subject_key_identifier, "hash"),
            (NID_subject_alt_name, subjectAltName),
        ])
        guard X509_sign(certificate, key, EVP_sha256()) > 0 else { throw .openSSL("X509_sign") }

        let certificatePEM = try pem("PEM_write_bio_X509") { PEM_write_bio_X509($0, certificate) }
        let keyPEM = try pem("PEM_write_bio_PrivateKey") { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
        return SelfSignedCertificate(
            certificatePEM: certificatePEM, privateKeyPEM: keyPEM, fingerprintSHA256: try fingerprint(of: certificate))
    }

    /// The SHA-256 fingerprint (`AB:CD:…`) of the first certificate in a PEM string.
    public static func fingerprint(ofPEM pem: String) throws(CertificateError) -> String {
        let certificate = try readCertificate(pem)
        defer { X509_free(certificate) }
        return try fingerprint(of: certificate)
    }

    // MARK: - Private

    private static func fingerprint(of certificate: OpaquePointer) throws(CertificateError) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(certificate, EVP_sha256(), &digest, &length) == 1 else { throw .openSSL("X509_digest") }
        let hexDigits = Array("0123456789ABCDEF")
        return digest.prefix(Int(length))
            .map { String([hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 0x0F)]]) }
            .joined(separator: ":")
    }

    /// `DNS:<name>` or `IP:<address>`, plus `IP:127.0.0.1`. Rejects names that are not a hostname or
    /// address literal, since the value goes through OpenSSL's comma-separated config syntax.
    private static func subjectAltName(for commonName: String) throws(CertificateError) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_*:")
        guard !commonName.isEmpty, commonName.count <= 64, commonName.allSatisfy(allowed.contains) else {
            throw CertificateError(operation: "generate", reason: "commonName must be a host name or IP address (1...64 characters)")
        }
        let isAddress = commonName.contains(":") || commonName.allSatisfy { $0.isNumber || $0 == "." }
        let primary = (isAddress ? "IP:" : "DNS:") + commonName
        return commonName == "127.0.0.1" ? primary : primary + ",IP:127.0.0.1"
    }

    private static func setRandomSerial(_ certificate: OpaquePointer) throws(CertificateError) {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else { throw .openSSL("RAND_bytes") }
        bytes[0] &= 0x7F          // positive
        bytes[0] |= 0x40          // and always 16 octets long once DER-encoded
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw .openSSL("BN_bin2bn") }
        defer { BN_free(number) }
        guard BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nil else {
            throw .openSSL("BN_to_ASN1_INTEGER")
        }
    }

    private static func addExtensions(_ certificate: OpaquePointer, _ extensions: [(Int32, String)]) throws(CertificateError) {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, certificate, certificate, nil, nil, 0)
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else { throw .openSSL("X509V3_EXT_conf_nid") }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(certificate, ext, -1) == 1 else { throw .openSSL("X509_add_ext") }
        }
    }

    private static func pem(_ operation: String, _ write: (OpaquePointer) -> Int32) throws(CertificateError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .openSSL("BIO_new") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw .openSSL(operation) }
        var data: UnsafeMutablePointer<CChar>?
        let length = shim_BIO_get_mem_data(bio, &data)
        guard length > 0, let data else { throw .openSSL("BIO_get_mem_data") }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    static func readCertificate(_ pem: String) throws(CertificateError) -> OpaquePointer {
        try read(pem, "PEM_read_bio_X509") { PEM_read_bio_X509($0, nil, nil, nil) }
    }

    static func readPrivateKey(_ pem: String) throws(CertificateError) -> OpaquePointer {
        try read(pem, "PEM_read_bio_PrivateKey") { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
    }

    /// Runs `parse` on a read-only memory BIO over the PEM text. BIO_new_mem_buf does not copy, so
    /// the BIO lives only inside the buffer's scope.
    private static func read(
        _ pem: String, _ operation: String, _ parse: (OpaquePointer) -> OpaquePointer?
    ) throws(CertificateError) -> OpaquePointer {
        let bytes = Array(pem.utf8)
        let parsed: OpaquePointer?? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return .none }
            defer { BIO_free(bio) }
            return .some(parse(bio))
        }
        guard let parsed else { throw .openSSL("BIO_new_mem_buf") }
        guard let parsed else { throw .openSSL(operation) }
        return parsed
    }
}
