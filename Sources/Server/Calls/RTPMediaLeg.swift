import ICE
import Media
import NIOCore
import RTP
import SDP
import SIPEndpoint
import SwitchCore
import Synchronization
import Transport

/// The RTP leg of a call over one `RTPSocket`. Symmetric RTP (the far end's source address wins over its
/// SDP, for NAT); in echo mode every packet goes straight back with our SSRC, on the socket's event loop,
/// with no decode (FreeSWITCH `echo`).
final class RTPMediaLeg: SIPMediaLeg {
    enum Mode: Sendable {
        case idle
        case echo
        /// Packets go back after this delay (FreeSWITCH `delay_echo`); held in `delayed` until due.
        case delayedEcho(Duration)
        /// Bridged: packets go out on the other leg unchanged but for the SSRC (same codec, no decode).
        case relay(RTPMediaLeg)

        var isEcho: Bool {
            if case .echo = self { return true }
            return false
        }
    }

    struct State: Sendable {
        var remote: (host: String, port: Int)?
        var latched = false
        var mode = Mode.idle
        var packetsReceived = 0
        var payloadType: UInt8 = 0
        var aLaw = false
        var telephoneEvent: DTMFEventReceiver?
        /// Digits received (RFC 4733) and not yet taken by an application.
        var digits: [Character] = []
        /// Packets waiting for their turn in delayed echo, with their due time.
        var delayed: [(due: ContinuousClock.Instant, packet: [UInt8])] = []
        var sequence = UInt16.random(in: 0...UInt16.max)
        var timestamp = UInt32.random(in: 0...UInt32.max)
        /// How packets we pass through (echo, relay) are renumbered into our own stream: one SSRC, and sequence
        /// numbers and timestamps that continue from whatever we sent before (a playback, another source), so
        /// the receiver never sees a jump (RFC 3550 A.1 would drop the packets as a restarted source).
        var passThrough: PassThroughNumbering?
        /// Inbound audio waiting for the recorder, reordered by an adaptive jitter buffer, while `record` runs
        /// (nil otherwise).
        var recorded: RecordingInput?
        /// Told about every digit (and where it came from: `RTP`, `INFO`), for DTMF events.
        var onDigit: (@Sendable (Character, String) -> Void)?
        var rtcp = RTCPState(localSSRC: 0)
        var closed = false
        /// The negotiated codec is Opus (WebRTC): audio we make or transcode goes through `opusAudio`.
        var opus = false
        /// RTP clock of telephone-event (8000, or 48000 next to Opus, RFC 4733 §2.1).
        var telephoneEventClockRate: UInt32 = 8000
    }

    /// How a leg's audio is carried, to relay (or transcode) packets between bridged legs.
    struct PayloadFormat: Sendable, Equatable {
        var payloadType: UInt8
        var aLaw: Bool
        var telephoneEventPayloadType: UInt8?
        var opus = false
        var telephoneEventClockRate: UInt32 = 8000
    }

    let address: String
    /// A bare `RTPSocket`, or a `WebRTCTransport` (SRTP over ICE and DTLS).
    let socket: any RTPMediaTransport
    let soundsDirectory: String
    /// Where `record` puts relative paths.
    let recordingsDirectory: String
    /// The local address the sockets bind (RTCP binds the port after the RTP one there).
    let bindHost: String
    let ssrc = UInt32.random(in: 1...UInt32.max)
    let state = Mutex(State())
    /// Opus encoder/decoder and resamplers, made when Opus is negotiated or a bridged Opus leg needs transcoding.
    let opusAudio = Mutex<OpusAudio?>(nil)

    var port: Int { socket.localPort }

    init(
        socket: any RTPMediaTransport, address: String, bindHost: String, soundsDirectory: String,
        recordingsDirectory: String
    ) {
        self.socket = socket
        self.address = address
        self.bindHost = bindHost
        self.soundsDirectory = soundsDirectory
        self.recordingsDirectory = recordingsDirectory
        socket.onReceive { [weak self] packet, host, port in self?.received(packet, host: host, port: port) }
        let ssrc = self.ssrc
        state.withLock { $0.rtcp = RTCPState(localSSRC: ssrc) }
    }

    func start(_ media: NegotiatedMedia) {
        state.withLock { s in
            if !s.latched { s.remote = (media.remoteAddress, Int(media.remotePort)) }
            s.payloadType = media.payloadType
            s.aLaw = media.encodingName.uppercased() == "PCMA"
            s.telephoneEvent = media.telephoneEventPayloadType.map { DTMFEventReceiver(payloadType: $0) }
            s.opus = media.encodingName.lowercased() == "opus"
            s.telephoneEventClockRate = media.telephoneEventClockRate
        }
        if media.encodingName.lowercased() == "opus" { prepareOpus() }
        socket.negotiated(media)
        startRTCP(remoteRTCPPort: Int(media.remoteRTCPPort), mux: media.rtcpMux)
    }

    func setMode(_ mode: Mode) {
        state.withLock {
            $0.mode = mode
            $0.delayed.removeAll()
        }
    }

    var packetsReceived: Int { state.withLock { $0.packetsReceived } }

    /// The codec negotiated on this leg, to offer the same one to a bridged leg (no transcoding needed).
    var isALaw: Bool { state.withLock { $0.aLaw } }
    /// Whether the negotiated codec is Opus (a WebRTC leg); false before the leg started.
    var isOpus: Bool { state.withLock { $0.opus } }

    /// Takes the oldest buffered digit, if any.
    func takeDigit() -> Character? {
        state.withLock { $0.digits.isEmpty ? nil : $0.digits.removeFirst() }
    }

    func close() {
        let first = state.withLock { s -> Bool in
            defer { s.closed = true }
            return !s.closed
        }
        guard first else { return }
        stopRTCP()
        socket.close()
    }

    var webRTCTransport: SDPWebRTCTransport? { socket.sdpTransport(ssrc: ssrc) }

    func webRTCTransport(answering offer: SessionDescription) -> SDPWebRTCTransport? {
        if let ice = offer.audioICEParameters { socket.offered(ICECredentials(ufrag: ice.ufrag, pwd: ice.pwd)) }
        return webRTCTransport
    }

    /// The browser's peer connection is gone but the call stays up (a detached Verto call): media pauses.
    func suspendTransport() { socket.suspend() }

    /// A new peer connection takes the call over: ``webRTCTransport`` now has new ICE credentials for the
    /// offer, and ``start(_:)`` with the answer starts a new DTLS handshake.
    func restartTransport() { socket.restart() }

    func onMediaFailure(_ handler: @escaping @Sendable (HangupCause) -> Void) {
        socket.onFailure(handler)
    }

    func startRecording() {
        state.withLock { $0.recorded = RecordingInput(clockRate: $0.opus ? OpusAudio.rtpClockRate : 8000) }
    }

    func stopRecording() {
        state.withLock { $0.recorded = nil }
    }

    /// The next 20 ms of inbound audio for the recorder (one call per 20 ms tick): decoded, or concealed when
    /// the packet is missing; nil before the first packet arrived.
    func pullRecordedFrame() -> [Int16]? {
        if state.withLock({ $0.opus }) { return pullRecordedOpusFrame() }
        return state.withLock { s in
            guard var input = s.recorded else { return nil }
            defer { s.recorded = input }
            return input.pull(aLaw: s.aLaw)
        }
    }

    /// A digit from SIP INFO joins the RFC 4733 queue.
    func receivedDTMF(_ digit: Character) {
        let onDigit = state.withLock { s in
            s.digits.append(digit)
            return s.onDigit
        }
        onDigit?(digit, "INFO")
    }

    func onDigit(_ handler: @escaping @Sendable (Character, String) -> Void) {
        state.withLock { $0.onDigit = handler }
    }

    /// Puts a digit back at the front of the queue (a prompt interrupted by it leaves it for the collector).
    func returnDigit(_ digit: Character) {
        state.withLock { $0.digits.insert(digit, at: 0) }
    }

    /// Encodes one 20 ms frame with the negotiated G.711 law and sends it (RFC 3550 §5.1 header; marker on
    /// the first packet of a talkspurt, RFC 3551 §4.1).
    func sendFrame(_ frame: [Int16], first: Bool) {
        if state.withLock({ $0.opus }) {
            sendOpusFrame(frame, first: first)
            return
        }
        let (header, remote, aLaw) = state.withLock { s -> ([UInt8], (host: String, port: Int)?, Bool) in
            let seq = s.sequence
            let ts = s.timestamp
            s.sequence &+= 1
            s.timestamp &+= UInt32(frame.count)
            s.passThrough = nil
            s.rtcp.statistics.sentRTP(payloadOctets: frame.count)
            let header: [UInt8] = [
                0x80, (first ? 0x80 : 0) | (s.payloadType & 0x7F), UInt8(seq >> 8), UInt8(seq & 0xFF),
                UInt8(ts >> 24), UInt8((ts >> 16) & 0xFF), UInt8((ts >> 8) & 0xFF), UInt8(ts & 0xFF),
                UInt8(ssrc >> 24), UInt8((ssrc >> 16) & 0xFF), UInt8((ssrc >> 8) & 0xFF), UInt8(ssrc & 0xFF),
            ]
            return (header, s.remote, s.aLaw)
        }
        guard let remote else { return }
        var packet = header
        packet.reserveCapacity(header.count + frame.count)
        for sample in frame { packet.append(aLaw ? G711ALaw.encode(sample) : G711MuLaw.encode(sample)) }
        socket.send(packet, to: remote.host, port: remote.port)
    }

    private func received(_ packet: [UInt8], host: String, port: Int) {
        // RTP version 2 and at least a fixed header (RFC 3550 §5.1); RTCP (PT 200–204 with mux) goes to RTCP.
        guard packet.count >= 12, packet[0] >> 6 == 2 else { return }
        if (200...204).contains(packet[1]) {
            receivedRTCP(packet, host: host, port: port)
            return
        }
        let now = ContinuousClock.now
        var heard: (Character, @Sendable (Character, String) -> Void)?
        let (mode, remote, due, format) = state.withLock {
            s -> (Mode, (host: String, port: Int)?, [[UInt8]], PayloadFormat) in
            s.packetsReceived += 1
            if var receiver = s.telephoneEvent, packet[1] & 0x7F == receiver.payloadType,
                let parsed = try? RTPPacket(parsing: packet)
            {
                if let digit = receiver.receivedPacket(parsed) {
                    s.digits.append(digit.digit)
                    if let onDigit = s.onDigit { heard = (digit.digit, onDigit) }
                }
                s.telephoneEvent = receiver
            }
            if packet[1] & 0x7F == s.payloadType { Self.countReceived(packet, in: &s, arrival: now) }
            if s.recorded != nil, packet[1] & 0x7F == s.payloadType, let parsed = try? RTPPacket(parsing: packet) {
                s.recorded?.insert(parsed, arrival: now)
            }
            if !s.latched || s.remote?.host != host || s.remote?.port != port {
                s.remote = (host, port)
                s.latched = true
            }
            var due: [[UInt8]] = []
            if case .delayedEcho(let delay) = s.mode {
                s.delayed.append((now + delay, packet))
                while let first = s.delayed.first, first.due <= now {
                    due.append(first.packet)
                    s.delayed.removeFirst()
                }
            }
            let format = PayloadFormat(
                payloadType: s.payloadType, aLaw: s.aLaw, telephoneEventPayloadType: s.telephoneEvent?.payloadType,
                opus: s.opus, telephoneEventClockRate: s.telephoneEventClockRate)
            return (s.mode, s.remote, due, format)
        }
        if let (digit, onDigit) = heard { onDigit(digit, "RTP") }
        guard let remote else { return }
        // Delayed packets are released as new ones arrive (50 per second), so no timer is needed.
        for old in due { echo(old, to: remote) }
        if case .relay(let other) = mode {
            other.forward(packet, from: format)
            return
        }
        guard mode.isEcho else { return }
        echo(packet, to: remote)
    }

    /// Sends a packet the bridged leg received, as ours: unchanged when both legs use the same payload format,
    /// else with our payload type, and G.711 audio transcoded between µ-law and A-law (sample by sample through
    /// linear PCM; both are 8 kHz, so timestamps and sizes stay). Telephone events keep their payload and take our
    /// event payload type, or are dropped when our peer negotiated none.
    func forward(_ packet: [UInt8], from source: PayloadFormat) {
        let (remote, ours) = state.withLock { s in
            (s.remote, PayloadFormat(
                payloadType: s.payloadType, aLaw: s.aLaw, telephoneEventPayloadType: s.telephoneEvent?.payloadType,
                opus: s.opus, telephoneEventClockRate: s.telephoneEventClockRate))
        }
        guard let remote else { return }
        if ours.opus != source.opus {
            transcode(packet, from: source, to: ours, remote: remote)
            return
        }
        guard ours != source, var parsed = try? RTPPacket(parsing: packet) else {
            echo(packet, to: remote)
            return
        }
        if parsed.payloadType == source.telephoneEventPayloadType {
            guard let eventType = ours.telephoneEventPayloadType else { return }
            parsed.payloadType = eventType
        } else if parsed.payloadType == source.payloadType {
            parsed.payloadType = ours.payloadType
            if source.aLaw != ours.aLaw {
                parsed.payload = ArraySlice(parsed.payload.map { code in
                    ours.aLaw ? G711ALaw.encode(G711MuLaw.decode(code)) : G711MuLaw.encode(G711ALaw.decode(code))
                })
            }
        } else {
            return
        }
        parsed.paddingLength = 0
        echo(parsed.serialize(), to: remote)
    }

    /// Sends a packet that came from elsewhere (echo, the bridged leg) as part of our stream: our SSRC, and its
    /// sequence number and timestamp shifted to continue ours.
    func echo(_ packet: [UInt8], to remote: (host: String, port: Int)) {
        guard packet.count >= 12 else { return }
        var echoed = packet
        let sourceSSRC = UInt32(packet[8]) << 24 | UInt32(packet[9]) << 16 | UInt32(packet[10]) << 8 | UInt32(packet[11])
        let sequence = UInt16(packet[2]) << 8 | UInt16(packet[3])
        let timestamp = UInt32(packet[4]) << 24 | UInt32(packet[5]) << 16 | UInt32(packet[6]) << 8 | UInt32(packet[7])
        let (outSequence, outTimestamp, restarted) = state.withLock { s in
            s.rtcp.statistics.sentRTP(payloadOctets: packet.count - 12)
            return s.renumberPassThrough(source: sourceSSRC, sequence: sequence, timestamp: timestamp)
        }
        if restarted { echoed[1] |= 0x80 }  // marker: a new talkspurt starts here
        echoed[2] = UInt8(outSequence >> 8)
        echoed[3] = UInt8(outSequence & 0xFF)
        echoed[4] = UInt8(truncatingIfNeeded: outTimestamp >> 24)
        echoed[5] = UInt8(truncatingIfNeeded: outTimestamp >> 16)
        echoed[6] = UInt8(truncatingIfNeeded: outTimestamp >> 8)
        echoed[7] = UInt8(truncatingIfNeeded: outTimestamp)
        echoed[8] = UInt8(truncatingIfNeeded: ssrc >> 24)
        echoed[9] = UInt8(truncatingIfNeeded: ssrc >> 16)
        echoed[10] = UInt8(truncatingIfNeeded: ssrc >> 8)
        echoed[11] = UInt8(truncatingIfNeeded: ssrc)
        socket.send(echoed, to: remote.host, port: remote.port)
    }
}

/// Opens RTP legs on ports from the configured range.
final class RTPMediaProvider: SIPMediaProvider {
    let group: EventLoopGroup
    let bindAddress: String
    /// The address put in SDP (`ext_rtp_ip`, else the bind address).
    let advertisedAddress: String
    let pool: RTPPortPool
    let soundsDirectory: String
    let recordingsDirectory: String
    /// The DTLS identity and logger for WebRTC legs; `nil` refuses WebRTC offers.
    let webRTC: WebRTCLegSettings?

    init(
        group: EventLoopGroup, bindAddress: String, advertisedAddress: String, pool: RTPPortPool, soundsDirectory: String,
        recordingsDirectory: String, webRTC: WebRTCLegSettings? = nil
    ) {
        self.webRTC = webRTC
        self.soundsDirectory = soundsDirectory
        self.recordingsDirectory = recordingsDirectory
        self.group = group
        self.bindAddress = bindAddress
        self.advertisedAddress = advertisedAddress
        self.pool = pool
    }

    func openLeg(uuid: String) async throws -> any SIPMediaLeg {
        let socket = try await RTPSocket.bind(group: group, host: bindAddress, pool: pool)
        return RTPMediaLeg(
            socket: socket, address: advertisedAddress, bindHost: bindAddress, soundsDirectory: soundsDirectory,
            recordingsDirectory: recordingsDirectory)
    }
}

/// The offsets that map a pass-through source's sequence numbers and timestamps into the leg's own stream.
struct PassThroughNumbering: Sendable {
    var sourceSSRC: UInt32
    var sequenceOffset: UInt16
    var timestampOffset: UInt32
}

extension RTPMediaLeg.State {
    /// The outgoing sequence number and timestamp for a passed-through packet, and whether the mapping was
    /// (re)established here: at the first packet, and whenever the source SSRC changes, the packet takes the
    /// leg's next sequence number and timestamp; later packets keep their spacing. Advances the leg's counters.
    mutating func renumberPassThrough(source: UInt32, sequence: UInt16, timestamp: UInt32) -> (UInt16, UInt32, Bool) {
        var mapping = passThrough
        var restarted = false
        if mapping == nil || mapping!.sourceSSRC != source {
            mapping = PassThroughNumbering(
                sourceSSRC: source, sequenceOffset: self.sequence &- sequence, timestampOffset: self.timestamp &- timestamp)
            restarted = true
        }
        passThrough = mapping
        let outSequence = sequence &+ mapping!.sequenceOffset
        let outTimestamp = timestamp &+ mapping!.timestampOffset
        // Counters move forward only (a late packet keeps its place but does not pull them back).
        if Int16(bitPattern: outSequence &- self.sequence) >= 0 {
            self.sequence = outSequence &+ 1
            self.timestamp = outTimestamp &+ (opus ? 960 : 160)
        }
        return (outSequence, outTimestamp, restarted)
    }
}
