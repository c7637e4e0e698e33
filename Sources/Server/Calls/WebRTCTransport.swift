import DTLS
import ICE
import Logging
import NIOCore
import SDP
import STUN
import SwitchCore
import Synchronization
import Transport

/// The media transport of a WebRTC leg: one UDP port carrying STUN, DTLS, SRTP and SRTCP (rtcp-mux, BUNDLE
/// of one stream), told apart by their first octet (RFC 7983, `PacketClass`).
///
/// ```
///  datagram ─▶ PacketClass ─┬─ .stun ─▶ ICELiteAgent ─▶ responses, .selected, .consentExpired
///                           ├─ .dtls ─▶ DTLSAssociation ─▶ flights, .connected(keys) ─▶ SRTPContext
///                           ├─ .rtp / .rtcp ─▶ SRTPContext.unprotect(RTCP) ─▶ the leg's receive handler
///                           └─ .unknown: dropped
///  leg's RTP / RTCP ─▶ SRTPContext.protect(RTCP) ─▶ the ICE-selected address
/// ```
///
/// The engines are sans-IO; this class is their shell. They live together in one `Mutex` (`WebRTCEngines`):
/// `DTLSAssociation` and `SRTPContext` are non-`Sendable` classes and are only ever touched inside that
/// lock, so the socket's event loop (receive), the playback task (send) and the timer task never use them at
/// the same time. Datagrams, log lines and failures come out of the lock as a `WebRTCOutcome` and are carried
/// out after it is released. Timers (DTLS retransmission, ICE consent) run in one task per transport, on a
/// `ContinuousClock`. Lost consent or a failed handshake ends the call through ``onFailure(_:)``.
final class WebRTCTransport: RTPMediaTransport {
    struct Handlers: Sendable {
        var receive: RTPSocket.ReceiveHandler?
        var failure: (@Sendable (HangupCause) -> Void)?
        /// A failure is reported once; one that came before a handler was set waits here.
        var failed: WebRTCFailure?
        var reported = false
    }

    let socket: RTPSocket
    /// Our candidates, as advertised in SDP.
    let candidates: [ICECandidate]
    let fingerprint: SDPFingerprint
    let context: DTLSContext
    let cname = ICECredentials.generate().ufrag
    let logger: Logger
    private let engines: Mutex<WebRTCEngines>
    private let handlers = Mutex(Handlers())
    private let timerTask = Mutex<Task<Void, Never>?>(nil)

    var localPort: Int { socket.localPort }
    var eventLoop: EventLoop { socket.eventLoop }

    init(socket: RTPSocket, candidates: [ICECandidate], context: DTLSContext, fingerprint: SDPFingerprint, logger: Logger) {
        self.socket = socket
        self.candidates = candidates
        self.context = context
        self.fingerprint = fingerprint
        var logger = logger
        logger[metadataKey: "rtp_port"] = "\(socket.localPort)"
        self.logger = logger
        engines = Mutex(WebRTCEngines(origin: .now))
        socket.onReceive { [weak self] packet, host, port in self?.received(packet, host: host, port: port) }
        startTimers()
    }

    func onReceive(_ handler: @escaping RTPSocket.ReceiveHandler) {
        handlers.withLock { $0.receive = handler }
    }

    func onFailure(_ handler: @escaping @Sendable (HangupCause) -> Void) {
        let pending = handlers.withLock { h -> WebRTCFailure? in
            h.failure = handler
            guard let failed = h.failed, !h.reported else { return nil }
            h.reported = true
            return failed
        }
        if let pending { handler(pending.cause) }
    }

    func sdpTransport(ssrc: UInt32) -> SDPWebRTCTransport? {
        let credentials = engines.withLock { $0.ice.localCredentials }
        return SDPWebRTCTransport(
            iceUfrag: credentials.ufrag, icePwd: credentials.pwd, candidates: candidates.map(\.attributeValue),
            fingerprints: [fingerprint], iceLite: true, mediaStreamID: "switchboard audio", ssrc: ssrc, cname: cname)
    }

    func negotiated(_ media: NegotiatedMedia) {
        guard let webRTC = media.webRTC else { return }
        let context = self.context
        carryOut(engines.withLock { $0.negotiated(webRTC, context: context, now: .now) })
    }

    func suspend() {
        engines.withLock { $0.suspend() }
        logger.info("WebRTC media paused: the peer connection is gone")
    }

    func restart() {
        engines.withLock { $0.restart(now: .now) }
    }

    func offered(_ remoteICE: ICECredentials) {
        if engines.withLock({ $0.ice.setRemoteCredentials(remoteICE) }) {
            logger.info("ICE restart: the peer offered new credentials, ours are new too")
        }
    }

    func send(_ packet: consuming [UInt8], to host: String, port: Int) {
        var packet = packet
        guard let destination = engines.withLock({ $0.protect(&packet) }) else { return }
        socket.send(packet, to: destination.ip.description, port: Int(destination.port))
    }

    func close() {
        let task = timerTask.withLock { t -> Task<Void, Never>? in
            defer { t = nil }
            return t
        }
        task?.cancel()
        let outcome = engines.withLock { $0.close(now: .now) }
        for (datagram, destination) in outcome.datagrams {
            socket.send(datagram, to: destination.ip.description, port: Int(destination.port))
        }
        handlers.withLock { $0 = Handlers(reported: true) }
        socket.close()
    }

    private func received(_ datagram: consuming [UInt8], host: String, port: Int) {
        guard let ip = IPAddress(host), let udpPort = UInt16(exactly: port) else { return }
        let source = TransportAddress(ip: ip, port: udpPort)
        let now = ContinuousClock.now
        switch PacketClass.classify(datagram) {
        case .stun:
            carryOut(engines.withLock { $0.receiveSTUN(datagram, from: source, now: now) })
        case .dtls:
            carryOut(engines.withLock { $0.receiveDTLS(datagram, from: source, now: now) })
        case .rtp, .rtcp:
            var packet = datagram
            guard engines.withLock({ $0.unprotect(&packet, from: source) }) else { return }
            handlers.withLock { $0.receive }?(packet, host, port)
        case .unknown:
            return
        }
    }

    /// One task per transport: fires the engines' timers at their deadlines (re-read after every wake-up,
    /// at least every 100 ms during the handshake so that a deadline set by a received datagram is not missed).
    private func startTimers() {
        let task = Task { [weak self] in
            while true {
                guard let wake = self?.fireTimers() else { return }
                do { try await Task.sleep(until: wake, clock: .continuous) } catch { return }
            }
        }
        timerTask.withLock { $0 = task }
    }

    private func fireTimers() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        let (outcome, wake) = engines.withLock { e in (e.handleTimers(now: now), e.nextWake(after: now)) }
        carryOut(outcome)
        return wake
    }

    private func carryOut(_ outcome: WebRTCOutcome) {
        for (datagram, destination) in outcome.datagrams {
            socket.send(datagram, to: destination.ip.description, port: Int(destination.port))
        }
        for event in outcome.events { logger.info("\(event)") }
        if let failure = outcome.failure { fail(failure) }
    }

    private func fail(_ failure: WebRTCFailure) {
        let (first, handler) = handlers.withLock { h -> (Bool, (@Sendable (HangupCause) -> Void)?) in
            guard h.failed == nil, !h.reported else { return (false, nil) }
            h.failed = failure
            guard let handler = h.failure else { return (true, nil) }
            h.reported = true
            return (true, handler)
        }
        guard first else { return }
        logger.warning("WebRTC media failed, ending the call", metadata: [
            "cause": "\(failure.cause.name)", "reason": "\(failure.reason)"])
        handler?(failure.cause)
    }
}
