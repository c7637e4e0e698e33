import Media
import RTP

/// Opus on a leg (RFC 7587, 48 kHz RTP clock, 20 ms packets) around the 8 kHz media path that playback,
/// recording and G.711 use. libopus encodes from and decodes to 8 kHz itself: the audio on this path never has
/// more than 4 kHz of bandwidth, so a 48 kHz encoder would spend six times the samples (and a resampler each way)
/// on nothing; the stream on the wire is still RFC 7587's, with the 48 kHz timestamp step.
/// Not `Sendable` (libopus state): each leg keeps one in a `Mutex` and uses it only inside the lock.
struct OpusAudio {
    static let rtpClockRate = 48000
    /// RTP timestamp step of one 20 ms packet (the 48 kHz clock, whatever rate the codec runs at).
    static let frameSamples = 960
    /// 48 kHz samples per 8 kHz sample.
    static let rateRatio: UInt32 = 6
    /// The rate of that path: what a leg transcoded to G.711 asks its browser for (RFC 7587 `maxplaybackrate`).
    static let codecSampleRate = PlaybackSource.rate
    /// Samples of one 20 ms frame on the 8 kHz path.
    static let codecFrameSamples = PlaybackSource.frameSamples
    /// Encoder complexity (0–10; libopus defaults to 9). 5 costs about half of 9 on speech.
    static let defaultComplexity = 5

    let encoder: OpusEncoder
    let decoder: OpusDecoder
    /// Audio not yet encoded (less than one frame).
    var pending: [Int16] = []

    init(complexity: Int = Self.defaultComplexity) throws(OpusError) {
        encoder = try OpusEncoder(sampleRate: PlaybackSource.rate, channels: 1, application: .voip)
        try encoder.setComplexity(complexity)
        // Mono output: libopus mixes a stereo stream (browsers send `opus/48000/2`) down.
        decoder = try OpusDecoder(sampleRate: PlaybackSource.rate, channels: 1)
    }

    /// Opus payloads (one per 20 ms) for 8 kHz audio.
    mutating func encode(_ samples: [Int16]) -> [[UInt8]] {
        if pending.isEmpty, samples.count == Self.codecFrameSamples {
            return (try? encoder.encode(samples)).map { [$0] } ?? []
        }
        pending += samples
        var payloads: [[UInt8]] = []
        while pending.count >= Self.codecFrameSamples {
            let frame = Array(pending.prefix(Self.codecFrameSamples))
            pending.removeFirst(Self.codecFrameSamples)
            if let payload = try? encoder.encode(frame) { payloads.append(payload) }
        }
        return payloads
    }

    /// 20 ms of 8 kHz audio for a lost packet (Opus packet-loss concealment).
    mutating func conceal() -> [Int16] {
        (try? decoder.concealLoss(frameSamples: Self.codecFrameSamples)) ?? []
    }

    /// 8 kHz audio of one Opus payload; empty when it does not decode.
    mutating func decode(_ payload: ArraySlice<UInt8>) -> [Int16] {
        (try? decoder.decode(Array(payload))) ?? []
    }
}

extension RTPMediaLeg {
    /// Makes the Opus state once (a failure leaves the leg silent rather than ending the call).
    func prepareOpus() {
        opusAudio.withLock { audio in
            if audio == nil { audio = try? OpusAudio() }
        }
    }

    /// Playback over Opus: one 8 kHz frame in, 20 ms Opus packets out with the 48 kHz timestamp step.
    func sendOpusFrame(_ frame: [Int16], first: Bool) {
        let payloads = opusAudio.withLock { $0?.encode(frame) } ?? []
        for (index, payload) in payloads.enumerated() {
            sendPayload(payload, samples: OpusAudio.frameSamples, marker: first && index == 0)
        }
    }

    /// Sends one payload with the negotiated payload type, our SSRC and the next sequence number and timestamp
    /// (RFC 3550 §5.1).
    func sendPayload(_ payload: [UInt8], samples: Int, marker: Bool) {
        let (packet, remote) = state.withLock { s -> (RTPPacket, (host: String, port: Int)?) in
            let packet = RTPPacket(
                marker: marker, payloadType: s.payloadType, sequenceNumber: s.sequence, timestamp: s.timestamp,
                ssrc: ssrc, payload: payload[...])
            s.sequence &+= 1
            s.timestamp &+= UInt32(samples)
            s.passThrough = nil
            s.rtcp.statistics.sentRTP(payloadOctets: payload.count)
            return (packet, s.remote)
        }
        guard let remote else { return }
        socket.send(packet.serialize(), to: remote.host, port: remote.port)
    }

    /// `record` on an Opus leg: the jitter buffer's next payload decoded to 8 kHz, or Opus' own concealment when
    /// it is missing; nil before the first packet arrived.
    func pullRecordedOpusFrame() -> [Int16]? {
        let output = state.withLock { s -> JitterBuffer<ArraySlice<UInt8>>.Output? in
            guard var input = s.recorded else { return nil }
            defer { s.recorded = input }
            return input.pullPayload()
        }
        switch output {
        case nil, .empty?: return nil
        case .lost?: return opusAudio.withLock { $0?.conceal() }
        case .frame(let packet)?: return opusAudio.withLock { $0?.decode(packet.payload) }
        }
    }

    /// Bridging an Opus leg with a G.711 one: audio is decoded, resampled (48 ↔ 8 kHz) and encoded again, and
    /// the timestamp is rescaled to our clock; telephone events take our event payload type, with their duration
    /// rescaled to our event clock (RFC 4733 §2.5.1.1: in timestamp units).
    func transcode(_ packet: [UInt8], from source: PayloadFormat, to ours: PayloadFormat, remote: (host: String, port: Int)) {
        guard var parsed = try? RTPPacket(parsing: packet) else { return }
        let toOpus = ours.opus
        parsed.timestamp = toOpus ? parsed.timestamp &* OpusAudio.rateRatio : parsed.timestamp / OpusAudio.rateRatio
        parsed.paddingLength = 0
        if parsed.payloadType == source.telephoneEventPayloadType {
            guard let eventType = ours.telephoneEventPayloadType,
                var event = try? TelephoneEvent(parsing: parsed.payload)
            else { return }
            let duration = UInt64(event.duration) * UInt64(ours.telephoneEventClockRate)
                / UInt64(max(source.telephoneEventClockRate, 1))
            event.duration = UInt16(clamping: duration)
            var payload: [UInt8] = []
            event.serialize(into: &payload)
            parsed.payloadType = eventType
            parsed.payload = payload[...]
            echo(parsed.serialize(), to: remote)
            return
        }
        guard parsed.payloadType == source.payloadType else { return }
        prepareOpus()
        parsed.payloadType = ours.payloadType
        if toOpus {
            let pcm = parsed.payload.map { source.aLaw ? G711ALaw.decode($0) : G711MuLaw.decode($0) }
            for payload in opusAudio.withLock({ $0?.encode(pcm) }) ?? [] {
                parsed.payload = payload[...]
                echo(parsed.serialize(), to: remote)
            }
        } else {
            let pcm = opusAudio.withLock { $0?.decode(parsed.payload) } ?? []
            guard !pcm.isEmpty else { return }
            parsed.payload = ArraySlice(pcm.map { ours.aLaw ? G711ALaw.encode($0) : G711MuLaw.encode($0) })
            echo(parsed.serialize(), to: remote)
        }
    }
}
