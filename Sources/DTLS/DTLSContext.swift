internal import COpenSSL

/// The OpenSSL `SSL_CTX` every DTLS-SRTP association of one certificate shares: DTLS 1.2 only
/// (RFC 8827 §6.5), our certificate and key, the `use_srtp` profiles in preference order
/// (RFC 5764 §4.1.2), and a certificate verifier that accepts any peer certificate, because WebRTC
/// authenticates it by the SDP fingerprint instead (RFC 5763 §5) once the handshake is done.
///
/// `@unchecked Sendable`: the context is configured in `init` and never changed afterwards;
/// OpenSSL lets threads create `SSL` objects from one `SSL_CTX` concurrently (it is reference
/// counted with atomics), so one context may serve every event loop.
public final class DTLSContext: @unchecked Sendable {
    let context: OpaquePointer
    /// The certificate we present; its fingerprint goes into our SDP.
    public let certificate: SelfSignedCertificate
    /// The `use_srtp` profiles, most preferred first.
    public let protectionProfiles: [DTLSSRTPProtectionProfile]

    public init(
        certificate: SelfSignedCertificate,
        protectionProfiles: [DTLSSRTPProtectionProfile] = DTLSSRTPProtectionProfile.defaultPreference
    ) throws(DTLSFailure) {
        guard !protectionProfiles.isEmpty else {
            throw DTLSFailure(.configuration, reason: "at least one SRTP protection profile is required")
        }
        ERR_clear_error()
        guard let context = SSL_CTX_new(DTLS_method()) else {
            throw DTLSFailure(.configuration, reason: DTLSFailure.openSSLErrors("SSL_CTX_new failed"))
        }
        self.context = context
        self.certificate = certificate
        self.protectionProfiles = protectionProfiles
        try configure(protectionProfiles)   // deinit frees the context if this throws
    }

    deinit { SSL_CTX_free(context) }

    private func configure(_ profiles: [DTLSSRTPProtectionProfile]) throws(DTLSFailure) {
        func fail(_ step: String) -> DTLSFailure {
            DTLSFailure(.configuration, reason: "\(step): " + DTLSFailure.openSSLErrors("failed"))
        }
        guard shim_SSL_CTX_set_min_proto_version(context, DTLS1_2_VERSION) == 1,
              shim_SSL_CTX_set_max_proto_version(context, DTLS1_2_VERSION) == 1
        else { throw fail("SSL_CTX_set_min/max_proto_version") }
        // We size records ourselves (DTLS_set_link_mtu per association); never ask the BIO. No session
        // tickets: every association has its own handshake, and a ticket would add ~600 octets to the
        // server's last flight.
        _ = SSL_CTX_set_options(context, shim_SSL_OP_NO_QUERY_MTU() | shim_SSL_OP_NO_TICKET())

        let x509: OpaquePointer, key: OpaquePointer
        do {
            x509 = try SelfSignedCertificate.readCertificate(certificate.certificatePEM)
            key = try SelfSignedCertificate.readPrivateKey(certificate.privateKeyPEM)
        } catch {
            throw DTLSFailure(.configuration, reason: error.description)
        }
        defer { X509_free(x509); EVP_PKEY_free(key) }
        guard SSL_CTX_use_certificate(context, x509) == 1 else { throw fail("SSL_CTX_use_certificate") }
        guard SSL_CTX_use_PrivateKey(context, key) == 1, SSL_CTX_check_private_key(context) == 1 else {
            throw fail("SSL_CTX_use_PrivateKey")
        }
        // Returns 0 on success, unlike most of OpenSSL.
        guard SSL_CTX_set_tlsext_use_srtp(context, profiles.map(\.name).joined(separator: ":")) == 0 else {
            throw fail("SSL_CTX_set_tlsext_use_srtp")
        }
        // Ask for (server) and always accept (both sides) the peer's certificate; the fingerprint
        // check after the handshake is the authentication (RFC 5763 §5). A client without a
        // certificate is refused: there would be nothing to compare the fingerprint with.
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT) { _, _ in 1 }
        ERR_clear_error()
    }
}
