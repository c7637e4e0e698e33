import DTLS
import DTLSSRTP
import ICE
import SDP
import SRTP
import STUN
import SwitchCore

/// Why a WebRTC transport gave up, as the call's hangup cause and a line for the log.
struct WebRTCFailure: Sendable, Hashable {
    var cause: HangupCause
    var reason: String
}

/// What the engines ask the shell to do once the lock is released: send datagrams, log, end the call.
struct WebRTCOutcome: Sendable {
    var datagrams: [([UInt8], TransportAddress)] = []
    var events: [String] = []
    var failure: WebRTCFailure?
}

/// The ICE-lite agent, the DTLS association and the SRTP context of one WebRTC leg, with the few facts that
/// join them (the selected address, the DTLS deadline). Not `Sendable` (DTLS and SRTP are classes around
/// OpenSSL and libsrtp state): `WebRTCTransport` keeps it in a `Mutex` and only touches it there.
struct WebRTCEngines {
    /// ICE time is nanoseconds since this instant.
    let origin: ContinuousClock.Instant
    var ice: ICELiteAgent
    var dtls: DTLSAssociation?
    var srtp: SRTPContext?
    /// Where media goes: the address the peer nominated.
    var selected: TransportAddress?
    /// Where DTLS answers go before a nomination (a validated address that sent us DTLS).
    var dtlsPeer: TransportAddress?
    var dtlsDeadline: ContinuousClock.Instant?
    /// The peer connection is gone and a new one may take over (a Verto client lost its socket, §1.9): nothing
    /// is sent or accepted and consent is not checked until ``restart(now:)``.
    var suspended = false

    init(origin: ContinuousClock.Instant) {
        self.origin = origin
        ice = ICELiteAgent(localCredentials: .generate(), now: .zero)
    }

    func iceInstant(_ instant: ContinuousClock.Instant) -> ICEInstant {
        let (seconds, attoseconds) = (instant - origin).components
        return ICEInstant(nanoseconds: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    mutating func receiveSTUN(_ datagram: [UInt8], from source: TransportAddress, now: ContinuousClock.Instant) -> WebRTCOutcome {
        var outcome = WebRTCOutcome()
        guard !suspended else { return outcome }
        for action in ice.receive(datagram, from: source, now: iceInstant(now)) { apply(action, now: now, into: &outcome) }
        return outcome
    }

    /// DTLS only from an address that passed an ICE check (RFC 8445 §11: no media before a valid pair).
    mutating func receiveDTLS(_ datagram: [UInt8], from source: TransportAddress, now: ContinuousClock.Instant) -> WebRTCOutcome {
        var outcome = WebRTCOutcome()
        guard let dtls, ice.isValidated(source) else { return outcome }
        if selected == nil { dtlsPeer = source }
        apply(dtls.receive(datagram, now: now), into: &outcome)
        return outcome
    }

    /// The offer/answer result: the peer's ICE credentials, and the DTLS association in the role our `a=setup`
    /// took (a client starts its handshake once ICE has selected an address). A later negotiation (re-INVITE)
    /// only refreshes the peer's fingerprints.
    mutating func negotiated(_ webRTC: NegotiatedWebRTC, context: DTLSContext, now: ContinuousClock.Instant) -> WebRTCOutcome {
        var outcome = WebRTCOutcome()
        ice.setRemoteCredentials(ICECredentials(ufrag: webRTC.remoteICE.ufrag, pwd: webRTC.remoteICE.pwd))
        let fingerprints = webRTC.remoteFingerprints.compactMap { DTLSFingerprint(attributeValue: $0.attributeValue) }
        if let dtls {
            apply(dtls.setRemoteFingerprints(fingerprints, now: now), into: &outcome)
            return outcome
        }
        guard let setup = DTLSSetup(rawValue: webRTC.localSetup.rawValue), let role = DTLSRole(localSetup: setup) else {
            outcome.failure = WebRTCFailure(
                cause: .incompatibleDestination, reason: "a=setup:\(webRTC.localSetup.rawValue) gives no DTLS role")
            return outcome
        }
        do {
            let association = try DTLSAssociation(role: role, context: context, remoteFingerprints: fingerprints)
            dtls = association
            if role == .client, selected != nil { apply(association.start(now: now), into: &outcome) }
        } catch {
            outcome.failure = WebRTCFailure(cause: .incompatibleDestination, reason: "\(error)")
        }
        return outcome
    }

    mutating func handleTimers(now: ContinuousClock.Instant) -> WebRTCOutcome {
        var outcome = WebRTCOutcome()
        guard !suspended else { return outcome }
        for action in ice.handleTimer(now: iceInstant(now)) { apply(action, now: now, into: &outcome) }
        if let deadline = dtlsDeadline, now >= deadline, let dtls {
            dtlsDeadline = nil
            apply(dtls.handleTimeout(now: now), into: &outcome)
        }
        return outcome
    }

    /// The next instant the timers need a look: the earliest deadline, and at most 100 ms ahead while the
    /// handshake runs (a received flight may set an earlier deadline meanwhile), else 1 s.
    func nextWake(after now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard !suspended else { return now + .seconds(1) }
        var wake = now + (srtp == nil ? .milliseconds(100) : .seconds(1))
        if let deadline = ice.nextDeadline { wake = min(wake, origin + .nanoseconds(deadline.nanoseconds)) }
        if let deadline = dtlsDeadline { wake = min(wake, deadline) }
        return max(wake, now + .milliseconds(1))
    }

    /// Plain RTP or RTCP (rtcp-mux, told apart as RFC 5761 §4 says) from an SRTP/SRTCP packet of a validated
    /// address; `nil` to drop (not keyed yet, forged, replayed).
    func unprotect(_ datagram: [UInt8], from source: TransportAddress) -> [UInt8]? {
        var packet = datagram
        return unprotect(&packet, from: source) ? packet : nil
    }

    /// In place: the SRTP (or SRTCP) `datagram` becomes plain RTP (RTCP); false to drop it. RTP is decrypted
    /// without allocating when the caller owns the array.
    func unprotect(_ datagram: inout [UInt8], from source: TransportAddress) -> Bool {
        guard let srtp, ice.isValidated(source) else { return false }
        if PacketClass.classify(datagram) == .rtcp {
            guard let plain = try? srtp.unprotectRTCP(datagram) else { return false }
            datagram = plain
            return true
        }
        do { try srtp.unprotect(&datagram) } catch { return false }
        return true
    }

    /// Turns `packet` into SRTP (or SRTCP) and returns where to send it; `nil` before keys and a selected address
    /// exist. RTP is protected in place (no allocation when the packet has room for the tag).
    func protect(_ packet: inout [UInt8]) -> TransportAddress? {
        guard let srtp, let selected else { return nil }
        if PacketClass.classify(packet) == .rtcp {
            guard let protected = try? srtp.protectRTCP(packet) else { return nil }
            packet = protected
        } else {
            do { try srtp.protect(&packet) } catch { return nil }
        }
        return selected
    }

    /// The peer connection is gone: forget its address, keys and association, and wait (media paused, no
    /// consent clock) for ``restart(now:)``.
    mutating func suspend() {
        suspended = true
        selected = nil
        dtlsPeer = nil
        dtlsDeadline = nil
        dtls = nil
        srtp = nil
    }

    /// A new peer connection takes the leg over (Verto reattach): a fresh ICE agent (new credentials for our
    /// offer, consent counted from now) and no DTLS association until the answer arrives through
    /// ``negotiated(_:context:now:)``, which starts a new handshake in the role that answer gives us.
    mutating func restart(now: ContinuousClock.Instant) {
        suspend()
        suspended = false
        ice = ICELiteAgent(localCredentials: .generate(), now: iceInstant(now))
    }

    mutating func close(now: ContinuousClock.Instant) -> WebRTCOutcome {
        var outcome = WebRTCOutcome()
        if let dtls { apply(dtls.close(now: now), into: &outcome) }
        srtp = nil
        dtlsDeadline = nil
        return outcome
    }

    private mutating func apply(_ action: ICEAction, now: ContinuousClock.Instant, into outcome: inout WebRTCOutcome) {
        switch action {
        case .send(let datagram, let destination):
            outcome.datagrams.append((datagram, destination))
        case .selected(let address):
            if selected != address { outcome.events.append("ICE selected \(address)") }
            selected = address
            if let dtls, dtls.role == .client, dtls.state == .idle { apply(dtls.start(now: now), into: &outcome) }
        case .consentExpired:
            selected = nil
            outcome.failure = WebRTCFailure(
                cause: .mediaTimeout, reason: "ICE consent expired: no valid check from the peer for 30 s (RFC 7675)")
        }
    }

    private mutating func apply(_ actions: [DTLSAssociation.Action], into outcome: inout WebRTCOutcome) {
        for action in actions {
            switch action {
            case .transmit(let datagram):
                if let destination = selected ?? dtlsPeer { outcome.datagrams.append((datagram, destination)) }
            case .scheduleTimeout(let deadline):
                dtlsDeadline = deadline
            case .connected(let keys):
                dtlsDeadline = nil
                do {
                    srtp = try SRTPContext(dtlsSRTPKeys: keys)
                    outcome.events.append("DTLS-SRTP connected (\(keys.profile), \(dtls?.role.description ?? "?"))")
                } catch {
                    outcome.failure = WebRTCFailure(cause: .incompatibleDestination, reason: "SRTP keys refused: \(error)")
                }
            case .failed(let failure):
                dtlsDeadline = nil
                outcome.failure = WebRTCFailure(cause: .incompatibleDestination, reason: failure.description)
            case .closed:
                dtlsDeadline = nil
                outcome.events.append("DTLS association closed")
            }
        }
    }
}
