import DTLS
import DTLSSRTP
import ICE
import SRTP
import STUN

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything the signalling thread learnt about one call, handed to the media thread.
struct CallPlan: Sendable {
    var index: Int
    var endpoint: UDPEndpoint
    var remoteHost: String
    var remotePort: UInt16
    var localUfrag: String
    var localPwd: String
    var remoteUfrag: String
    var remotePwd: String
    var role: DTLSRole
    var remoteFingerprints: [DTLSFingerprint]
    var payloadType: UInt8
    /// Our SSRC, as announced in the offer's a=ssrc.
    var ssrc: UInt32
    /// The answer's Opus `maxplaybackrate` (RFC 7587), rounded up to one of ``playbackRates`` as libwebrtc maps it
    /// to an encoder band; 48000 when the answer has none.
    var maxPlaybackRate: Int

    static let playbackRates = [8000, 12000, 16000, 24000, 48000]

    /// libwebrtc's reading of `maxplaybackrate`: values under 8000 are ignored, others cap at 48000.
    static func playbackRate(formatParameters: String?) -> Int {
        let parameters = (formatParameters ?? "").split(separator: ";").map { $0.split(separator: "=", maxSplits: 1) }
        guard let value = parameters.first(where: { $0.count == 2 && $0[0].trimmingCharacters(in: .whitespaces) == "maxplaybackrate" }),
            let rate = Int(value[1].trimmingCharacters(in: .whitespaces)), rate >= 8000
        else { return 48000 }
        return playbackRates.first { rate <= $0 } ?? 48000
    }
}

/// One call's media, on the media thread: ICE connectivity checks as the controlling agent with USE-CANDIDATE
/// (RFC 8445 §7.2.2, regular nomination on the only pair) and answers to the peer's checks (§7.3), DTLS per the
/// answer's a=setup (RFC 5763), then 50 SRTP packets/s of pre-encoded Opus and receive statistics.
final class LoadCall {
    let plan: CallPlan
    private let remote: sockaddr_in
    private let dtls: DTLSAssociation
    private var dtlsDeadline: ContinuousClock.Instant?
    private(set) var srtp: SRTPContext?
    private(set) var failure: String?
    private var iceConfirmed = false
    private var nextCheck = 0.0
    private var nextSend = 0.0
    private var sequence = UInt16.random(in: 0...UInt16.max)
    private var timestamp = UInt32.random(in: 0...UInt32.max)
    private let tieBreaker = UInt64.random(in: 0...UInt64.max)
    var statistics = ReceiveStatistics()

    init(_ plan: CallPlan, context: DTLSContext, now: Double) throws {
        self.plan = plan
        remote = try UDPEndpoint.address(plan.remoteHost, plan.remotePort)
        dtls = try DTLSAssociation(role: plan.role, context: context, remoteFingerprints: plan.remoteFingerprints)
        nextCheck = now
        // Spread the calls' 20 ms send instants over the period.
        nextSend = now + Double(plan.index % 20) / 1000
    }

    var isUp: Bool { srtp != nil }

    /// Periodic work: checks (every 50 ms until one succeeds, then every 2 s for consent, RFC 7675), DTLS
    /// retransmissions, and the packets due.
    func tick(now: Double, instant: ContinuousClock.Instant, payloads: [[UInt8]]) {
        guard failure == nil else { return }
        if now >= nextCheck {
            sendCheck()
            nextCheck = now + (iceConfirmed ? 2.0 : 0.05)
        }
        if let deadline = dtlsDeadline, instant >= deadline {
            dtlsDeadline = nil
            perform(dtls.handleTimeout(now: instant))
        }
        guard let srtp, !payloads.isEmpty else { return }
        if now - nextSend > 0.2 { nextSend = now }   // fell far behind (a stall): do not burst
        while now >= nextSend {
            sendMedia(srtp, payload: payloads[Int(timestamp / 960) % payloads.count])
            nextSend += 0.02
        }
    }

    /// One datagram from the peer, demultiplexed by its first octet (RFC 7983).
    func receive(_ datagram: [UInt8], from source: sockaddr_in, now: Double, instant: ContinuousClock.Instant) {
        switch PacketClass.classify(datagram) {
        case .stun: handleSTUN(datagram, from: source)
        case .dtls: perform(dtls.receive(datagram, now: instant))
        case .rtp:
            guard let srtp, let packet = try? srtp.unprotect(datagram), packet.count >= 12 else { return }
            let sequence = UInt16(packet[2]) << 8 | UInt16(packet[3])
            let timestamp = packet[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            statistics.record(sequence: sequence, timestamp: timestamp, arrival: now, clockRate: 48_000)
        case .rtcp, .unknown: return
        }
    }

    // MARK: - Private

    private func sendCheck() {
        let request = STUNMessage(
            type: .bindingRequest, transactionID: .random(),
            attributes: [.username("\(plan.remoteUfrag):\(plan.localUfrag)"), .priority(1_853_817_087),
                         .iceControlling(tieBreaker: tieBreaker), .useCandidate])
        plan.endpoint.send(request.serialize(messageIntegrityKey: Array(plan.remotePwd.utf8), fingerprint: true), to: remote)
    }

    private func handleSTUN(_ datagram: [UInt8], from source: sockaddr_in) {
        guard let message = try? STUNMessage(parsing: datagram) else { return }
        switch message.type {
        case .bindingRequest:
            let address = TransportAddress(
                ip: .v4(UInt32(bigEndian: source.sin_addr.s_addr)), port: UInt16(bigEndian: source.sin_port))
            let response = STUNMessage(
                type: .bindingSuccessResponse, transactionID: message.transactionID,
                attributes: [.xorMappedAddress(address, transactionID: message.transactionID)])
            plan.endpoint.send(response.serialize(messageIntegrityKey: Array(plan.localPwd.utf8), fingerprint: true), to: source)
        case .bindingSuccessResponse:
            guard !iceConfirmed else { return }
            iceConfirmed = true
            nextCheck = monotonicSeconds() + 2.0
            if plan.role == .client { perform(dtls.start(now: .now)) }
        default:
            return
        }
    }

    private func perform(_ actions: [DTLSAssociation.Action]) {
        for action in actions {
            switch action {
            case .transmit(let datagram): plan.endpoint.send(datagram, to: remote)
            case .scheduleTimeout(let at): dtlsDeadline = at
            case .connected(let keys):
                do { srtp = try SRTPContext(dtlsSRTPKeys: keys) } catch { failure = "SRTP: \(error)" }
            case .failed(let reason): failure = "DTLS: \(reason)"
            case .closed: if srtp == nil { failure = "DTLS closed" }
            }
        }
    }

    private func sendMedia(_ srtp: SRTPContext, payload: [UInt8]) {
        var packet: [UInt8] = [0x80, plan.payloadType, UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        packet.reserveCapacity(12 + payload.count + 16)
        for shift in [24, 16, 8, 0] as [UInt32] { packet.append(UInt8(truncatingIfNeeded: timestamp >> shift)) }
        for shift in [24, 16, 8, 0] as [UInt32] { packet.append(UInt8(truncatingIfNeeded: plan.ssrc >> shift)) }
        packet += payload
        sequence &+= 1
        timestamp &+= 960
        guard let protected = try? srtp.protect(packet) else { return }
        plan.endpoint.send(protected, to: remote)
        statistics.sent += 1
    }
}
