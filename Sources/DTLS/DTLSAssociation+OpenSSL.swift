internal import COpenSSL

/// The OpenSSL side of ``DTLSAssociation``: every call into `libssl` is here, wrapped by `perform`,
/// which starts and ends with an empty error queue so no error leaks into the next call.
extension DTLSAssociation {
    static func makeSSL(
        _ context: DTLSContext, _ role: DTLSRole, _ configuration: Configuration,
        _ outbox: DTLSDatagramOutbox, _ timer: DTLSRetransmissionTimer
    ) throws(DTLSFailure) -> OpaquePointer {
        ERR_clear_error()
        guard let ssl = SSL_new(context.context) else {
            throw DTLSFailure(.configuration, reason: DTLSFailure.openSSLErrors("SSL_new failed"))
        }
        guard let readBIO = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw DTLSFailure(.configuration, reason: DTLSFailure.openSSLErrors("BIO_new failed"))
        }
        guard let writeBIO = outbox.makeBIO() else {
            BIO_free(readBIO)
            SSL_free(ssl)
            throw DTLSFailure(.configuration, reason: DTLSFailure.openSSLErrors("BIO_meth_new failed"))
        }
        // An empty read BIO means "no datagram yet" (want-read), not end of stream.
        _ = shim_BIO_set_mem_eof_return(readBIO, -1)
        SSL_set_bio(ssl, readBIO, writeBIO)   // the SSL owns both BIOs from here on
        guard shim_DTLS_set_link_mtu(ssl, configuration.maximumTransmissionUnit) == 1 else {
            SSL_free(ssl)
            throw DTLSFailure(
                .configuration, reason: "MTU \(configuration.maximumTransmissionUnit) is below OpenSSL's minimum")
        }
        timer.install(on: ssl)
        switch role {
        case .client: SSL_set_connect_state(ssl)
        case .server: SSL_set_accept_state(ssl)
        }
        ERR_clear_error()
        return ssl
    }

    /// Runs `body` against OpenSSL, then turns what it wrote and the timer it set into actions:
    /// transmits first, then the new deadline, then `body`'s outcome.
    func perform(now: ContinuousClock.Instant, _ body: () -> [Action]) -> [Action] {
        ERR_clear_error()
        let outcome = body()
        ERR_clear_error()
        var actions = outbox.take().map(Action.transmit)
        actions += timerActions(now: now)
        return actions + outcome
    }

    /// Mirrors OpenSSL's retransmission timer on the owner's clock.
    private func timerActions(now: ContinuousClock.Instant) -> [Action] {
        let started = timer.takeStartedDuration()
        var left = timeval()
        guard state == .handshaking || state == .connected, shim_DTLSv1_get_timeout(ssl, &left) == 1 else {
            timer.deadline = nil   // no flight awaits an answer
            return []
        }
        guard let started else { return [] }   // the running timer's deadline stands
        let deadline = now + started
        timer.deadline = deadline
        return [.scheduleTimeout(at: deadline)]
    }

    /// Puts one datagram into the read BIO. OpenSSL reads it back as one packet.
    func feed(_ datagram: [UInt8]) -> Bool {
        let readBIO = SSL_get_rbio(ssl)
        return datagram.withUnsafeBytes { BIO_write(readBIO, $0.baseAddress, Int32($0.count)) } == Int32(datagram.count)
    }

    func driveHandshake() -> [Action] {
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            let outcome = completeHandshake()
            return state == .failed ? outcome : outcome + readRecords()   // records behind the last flight
        }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return []
        case SSL_ERROR_ZERO_RETURN: return shutDown()
        default: return fail(.handshake, DTLSFailure.openSSLErrors("DTLS handshake failed"))
        }
    }

    /// The handshake finished: take the negotiated profile and export the keys (RFC 5764 §4.2),
    /// then release them once the peer is authenticated.
    private func completeHandshake() -> [Action] {
        guard let selected = SSL_get_selected_srtp_profile(ssl),
              let profile = DTLSSRTPProtectionProfile(id: UInt16(truncatingIfNeeded: selected.pointee.id))
        else {
            return fail(.noSRTPProfile, "the peer did not negotiate use_srtp with any of "
                + context.protectionProfiles.map(\.name).joined(separator: ", "))
        }
        var material = [UInt8](repeating: 0, count: DTLSSRTPKeys.exportLength(for: profile))
        let label = DTLSSRTPKeys.exporterLabel
        let exported = SSL_export_keying_material(ssl, &material, material.count, label, label.utf8.count, nil, 0, 0)
        guard exported == 1, let keys = DTLSSRTPKeys(exportedKeyingMaterial: material, profile: profile, role: role) else {
            return fail(.keyExport, DTLSFailure.openSSLErrors("SSL_export_keying_material failed"))
        }
        verifiedKeysPending = keys
        state = .awaitingRemoteFingerprint
        return verifyPeer()
    }

    /// Compares the peer certificate with the SDP fingerprints (RFC 8122 §5) and, on a match,
    /// reports the keys. Waits if no fingerprint is known yet.
    func verifyPeer() -> [Action] {
        guard state == .awaitingRemoteFingerprint, let pending = verifiedKeysPending, !remoteFingerprints.isEmpty else {
            return []
        }
        guard let certificate = SSL_get1_peer_certificate(ssl) else {
            return fail(.fingerprintMismatch, "the peer presented no certificate")
        }
        defer { X509_free(certificate) }
        if let mismatch = DTLSFingerprint.mismatch(of: certificate, against: remoteFingerprints) {
            return fail(.fingerprintMismatch, mismatch)
        }
        verifiedKeysPending = nil
        keys = pending
        state = .connected
        return [.connected(pending)]
    }

    /// After the handshake: lets OpenSSL answer retransmitted flights and alerts, discards
    /// application data (no data channels), and notices close_notify.
    func readRecords() -> [Action] {
        var sink = [UInt8](repeating: 0, count: 2048)
        while true {
            let count = SSL_read(ssl, &sink, Int32(sink.count))
            if count > 0 { continue }
            switch SSL_get_error(ssl, count) {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return []
            case SSL_ERROR_ZERO_RETURN: return shutDown()
            default: return fail(.handshake, DTLSFailure.openSSLErrors("DTLS record processing failed"))
            }
        }
    }

    /// Our deadline passed; OpenSSL retransmits if its own (system-clock) deadline passed too,
    /// otherwise its remaining time is scheduled again (see ``DTLSRetransmissionTimer``).
    func retransmitIfDue(now: ContinuousClock.Instant) -> [Action] {
        let result = shim_DTLSv1_handle_timeout(ssl)
        if result < 0 { return fail(.handshake, DTLSFailure.openSSLErrors("DTLS retransmission limit reached")) }
        guard result == 0 else { return [] }   // retransmitted; timerActions schedules the next one
        var left = timeval()
        guard shim_DTLSv1_get_timeout(ssl, &left) == 1 else {
            timer.deadline = nil
            return []
        }
        let deadline = now + .seconds(Int64(left.tv_sec)) + .microseconds(Int64(left.tv_usec))
        timer.deadline = deadline
        return [.scheduleTimeout(at: deadline)]
    }

    /// Sends close_notify when the handshake is complete (OpenSSL refuses during it), then closes.
    func shutDown() -> [Action] {
        if SSL_is_init_finished(ssl) == 1 { _ = SSL_shutdown(ssl) }
        state = .closed
        timer.deadline = nil
        verifiedKeysPending = nil
        return [.closed]
    }

    func fail(_ kind: DTLSFailure.Kind, _ reason: String) -> [Action] {
        state = .failed
        timer.deadline = nil
        verifiedKeysPending = nil
        return [.failed(DTLSFailure(kind, reason: reason))]
    }
}
