internal import COpenSSL

/// One DTLS-SRTP association (RFC 5764) as a sans-IO engine: OpenSSL 3 runs the DTLS 1.2 handshake
/// over memory BIOs, datagrams go in through ``receive(_:now:)``, and everything the association wants
/// done comes back as ``Action``s, in order: datagrams to send, the next retransmission deadline,
/// then the outcome (keys, failure, close). It never reads a clock, opens a socket or sleeps.
///
/// ```
/// start(now:) ─┐            ┌─ .transmit(datagram)        (send to the ICE-selected peer)
/// receive(…) ──┼─ OpenSSL ──┼─ .scheduleTimeout(at:)      (call handleTimeout(now:) then)
/// handleTimeout┘            ├─ .connected(DTLSSRTPKeys)   (create the SRTP contexts)
///                           ├─ .failed(DTLSFailure)
///                           └─ .closed                    (close_notify, RFC 5246 §7.2.1)
/// ```
///
/// Authentication follows WebRTC (RFC 5763 §5, RFC 8827 §6.5): any certificate is accepted during
/// the handshake, then the peer certificate's digest is compared with the SDP `a=fingerprint`;
/// a mismatch fails the association and no keys are released. If the handshake finishes before the
/// fingerprints are known (we offered `actpass` and DTLS beat the answer), the association waits
/// in ``State/awaitingRemoteFingerprint`` until ``setRemoteFingerprints(_:now:)``.
///
/// Isolation: a non-`Sendable` class; create and use it from one isolation domain (the event loop
/// or actor that owns the call leg's media). OpenSSL's callbacks run synchronously inside these
/// methods on the calling thread. Every OpenSSL object it allocates is freed in `deinit`.
public final class DTLSAssociation {
    /// Limits and timer settings; the defaults suit WebRTC.
    public struct Configuration: Sendable, Hashable {
        /// Largest datagram we send, in octets: 1200 keeps DTLS under any IPv6 path MTU with ICE/TURN
        /// overhead, the value browsers use.
        public var maximumTransmissionUnit: Int
        /// Larger received datagrams are dropped unread.
        public var maximumDatagramSize: Int
        /// First retransmission timeout (RFC 6347 §4.2.4.1: 1 s); doubles after each retransmission.
        public var initialRetransmissionTimeout: Duration
        /// Ceiling of the doubling (RFC 6347 §4.2.4.1: at least 60 s). OpenSSL gives up after 12
        /// retransmissions of one flight and the association fails.
        public var maximumRetransmissionTimeout: Duration

        public init(
            maximumTransmissionUnit: Int = 1200, maximumDatagramSize: Int = 16_384,
            initialRetransmissionTimeout: Duration = .seconds(1), maximumRetransmissionTimeout: Duration = .seconds(60)
        ) {
            self.maximumTransmissionUnit = maximumTransmissionUnit
            self.maximumDatagramSize = maximumDatagramSize
            self.initialRetransmissionTimeout = initialRetransmissionTimeout
            self.maximumRetransmissionTimeout = maximumRetransmissionTimeout
        }
    }

    /// What the owner must do, in the order given.
    public enum Action: Sendable, Hashable {
        /// Send this datagram to the peer (at most ``Configuration/maximumTransmissionUnit`` octets).
        case transmit([UInt8])
        /// Call ``handleTimeout(now:)`` at this instant; replaces any earlier deadline. A stale or
        /// early call is harmless.
        case scheduleTimeout(at: ContinuousClock.Instant)
        /// Handshake done and the peer authenticated: the SRTP keys for our role.
        case connected(DTLSSRTPKeys)
        /// The association is over; tear the media session down.
        case failed(DTLSFailure)
        /// The peer sent close_notify (we answered it), or ``close(now:)`` was called.
        case closed
    }

    public enum State: Sendable, Hashable {
        case idle
        case handshaking
        /// The handshake finished but there is no remote fingerprint yet to check the peer against.
        case awaitingRemoteFingerprint
        case connected
        case failed
        case closed
    }

    public let role: DTLSRole
    public let context: DTLSContext
    public let configuration: Configuration
    public internal(set) var state: State = .idle
    public internal(set) var remoteFingerprints: [DTLSFingerprint]
    /// The keys, once ``State/connected``.
    public internal(set) var keys: DTLSSRTPKeys?

    let ssl: OpaquePointer
    let outbox: DTLSDatagramOutbox
    let timer: DTLSRetransmissionTimer
    /// Exported at the end of the handshake, released once the fingerprint matches.
    var verifiedKeysPending: DTLSSRTPKeys?

    /// - Parameters:
    ///   - role: from ``DTLSRole/init(localSetup:)`` or ``DTLSRole/offerer(remoteAnswerSetup:)``.
    ///   - remoteFingerprints: every `a=fingerprint` of the peer's SDP (media level, else session level);
    ///     may be empty until the answer arrives.
    public init(
        role: DTLSRole, context: DTLSContext, remoteFingerprints: [DTLSFingerprint],
        configuration: Configuration = Configuration()
    ) throws(DTLSFailure) {
        let outbox = DTLSDatagramOutbox()
        let timer = DTLSRetransmissionTimer(
            initial: configuration.initialRetransmissionTimeout, maximum: configuration.maximumRetransmissionTimeout)
        self.ssl = try Self.makeSSL(context, role, configuration, outbox, timer)
        self.role = role
        self.context = context
        self.configuration = configuration
        self.remoteFingerprints = remoteFingerprints
        self.outbox = outbox
        self.timer = timer
    }

    /// Creates an association with its own ``DTLSContext``. Prefer sharing one context per certificate.
    public convenience init(
        role: DTLSRole, certificate: SelfSignedCertificate, remoteFingerprints: [DTLSFingerprint],
        configuration: Configuration = Configuration()
    ) throws(DTLSFailure) {
        try self.init(
            role: role, context: DTLSContext(certificate: certificate), remoteFingerprints: remoteFingerprints,
            configuration: configuration)
    }

    deinit { SSL_free(ssl) }   // frees both BIOs too

    // MARK: - Inputs

    /// Starts the handshake: a client sends its ClientHello (flight 1); a server waits for one.
    public func start(now: ContinuousClock.Instant) -> [Action] {
        guard state == .idle else { return [] }
        state = .handshaking
        return perform(now: now) { driveHandshake() }
    }

    /// One datagram from the peer (the RFC 7983 demultiplexer already classified it as DTLS).
    /// Oversized, undersized or non-DTLS datagrams are dropped; malformed records are dropped by
    /// OpenSSL; a malformed handshake message fails the association. A server that was not started
    /// starts on its first datagram.
    public func receive(_ datagram: [UInt8], now: ContinuousClock.Instant) -> [Action] {
        guard Self.mayBeDTLS(datagram, limit: configuration.maximumDatagramSize) else { return [] }
        switch state {
        case .idle:
            guard role == .server else { return [] }
            state = .handshaking
        case .handshaking, .awaitingRemoteFingerprint, .connected: break
        case .failed, .closed: return []
        }
        return perform(now: now) {
            guard feed(datagram) else { return [] }
            return state == .handshaking ? driveHandshake() : readRecords()
        }
    }

    /// The deadline of the last ``Action/scheduleTimeout(at:)`` has come: retransmit the last flight
    /// if it is still unanswered (RFC 6347 §4.2.4). Calls before the deadline do nothing.
    public func handleTimeout(now: ContinuousClock.Instant) -> [Action] {
        guard state == .handshaking || state == .connected, let deadline = timer.deadline, now >= deadline else {
            return []
        }
        return perform(now: now) { retransmitIfDue(now: now) }
    }

    /// Sets the peer's fingerprints once its SDP arrives; completes a handshake that was
    /// ``State/awaitingRemoteFingerprint``.
    public func setRemoteFingerprints(_ fingerprints: [DTLSFingerprint], now: ContinuousClock.Instant) -> [Action] {
        remoteFingerprints = fingerprints
        guard state == .awaitingRemoteFingerprint else { return [] }
        return perform(now: now) { verifyPeer() }
    }

    /// Ends the association, sending close_notify if the handshake had finished (RFC 5246 §7.2.1).
    public func close(now: ContinuousClock.Instant) -> [Action] {
        switch state {
        case .failed, .closed: return []
        case .idle:
            state = .closed
            return [.closed]
        case .handshaking, .awaitingRemoteFingerprint, .connected:
            return perform(now: now) { shutDown() }
        }
    }

    /// RFC 7983 §7: DTLS datagrams start with a content type in 20...63; a record header is 13 octets.
    static func mayBeDTLS(_ datagram: [UInt8], limit: Int) -> Bool {
        guard datagram.count >= 13, datagram.count <= limit else { return false }
        return (20...63).contains(datagram[0])
    }
}
