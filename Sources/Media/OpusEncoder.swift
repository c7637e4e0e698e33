internal import COpus

/// An Opus encoder (RFC 6716) for 16-bit interleaved PCM.
///
/// Telephony use: 48 kHz, mono or stereo, 20 ms frames (960 samples per channel), as negotiated
/// by `a=rtpmap:111 opus/48000/2` (RFC 7587 §7). Not thread-safe: one encoder per media stream.
public final class OpusEncoder {
    /// Sampling rate of the input PCM: 8000, 12000, 16000, 24000 or 48000 Hz.
    public let sampleRate: Int
    /// 1 (mono) or 2 (stereo, interleaved L R L R …).
    public let channels: Int
    private let encoder: OpaquePointer

    /// Largest packet `encode` can produce (RFC 6716 §3.4 recommends 1275 bytes per frame; the
    /// libopus docs suggest 4000 as a safe buffer size).
    public static let maximumPacketSize = 4000

    public init(sampleRate: Int = 48000, channels: Int = 1, application: OpusApplication = .voip) throws(OpusError) {
        var error: Int32 = OPUS_OK
        let created = opus_encoder_create(Int32(clamping: sampleRate), Int32(clamping: channels), application.rawValue, &error)
        guard error == OPUS_OK, let created else { throw OpusError(code: error == OPUS_OK ? OPUS_ALLOC_FAIL : error) }
        self.sampleRate = sampleRate
        self.channels = channels
        self.encoder = created
    }

    deinit { opus_encoder_destroy(encoder) }

    /// Samples per channel in one 20 ms frame at ``sampleRate`` (960 at 48 kHz).
    public var samplesPer20msFrame: Int { sampleRate / 50 }

    /// Target bitrate in bits per second (`OPUS_SET_BITRATE`; 500...512000).
    public func setBitrate(_ bitsPerSecond: Int) throws(OpusError) {
        try OpusError.check(shim_opus_set_bitrate(encoder, Int32(clamping: bitsPerSecond)))
    }

    /// The current target bitrate (`OPUS_GET_BITRATE`).
    public func bitrate() throws(OpusError) -> Int {
        var value: Int32 = 0
        try OpusError.check(shim_opus_get_bitrate(encoder, &value))
        return Int(value)
    }

    /// Encoder complexity 0...10 (`OPUS_SET_COMPLEXITY`); 5 halves encode cost on speech.
    public func setComplexity(_ complexity: Int) throws(OpusError) {
        try OpusError.check(shim_opus_set_complexity(encoder, Int32(clamping: complexity)))
    }

    /// The current complexity (`OPUS_GET_COMPLEXITY`).
    public func complexity() throws(OpusError) -> Int {
        var value: Int32 = 0
        try OpusError.check(shim_opus_get_complexity(encoder, &value))
        return Int(value)
    }

    /// The widest audio band the encoder may code for a receiver that renders at most `playbackRate` Hz
    /// (`OPUS_SET_MAX_BANDWIDTH`, RFC 7587 `maxplaybackrate`): ≤ 8000 narrowband, ≤ 12000 medium-band, ≤ 16000
    /// wideband, ≤ 24000 super-wideband, above that full-band.
    public func setMaximumPlaybackRate(_ playbackRate: Int) throws(OpusError) {
        let band: Int32 = switch playbackRate {
        case ...8000: OPUS_BANDWIDTH_NARROWBAND
        case ...12000: OPUS_BANDWIDTH_MEDIUMBAND
        case ...16000: OPUS_BANDWIDTH_WIDEBAND
        case ...24000: OPUS_BANDWIDTH_SUPERWIDEBAND
        default: OPUS_BANDWIDTH_FULLBAND
        }
        try OpusError.check(shim_opus_set_max_bandwidth(encoder, band))
    }

    /// Encodes one frame of interleaved PCM. `pcm.count / channels` must be a legal Opus frame
    /// size (2.5, 5, 10, 20, 40 or 60 ms); otherwise libopus reports `OPUS_BAD_ARG`.
    public func encode(_ pcm: [Int16]) throws(OpusError) -> [UInt8] {
        guard pcm.count % channels == 0 else { throw OpusError(code: OPUS_BAD_ARG) }
        // Coded into scratch space on the stack, returned in an array of exactly the packet's size (no 4 KB
        // zero-filled array per packet).
        let packet = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumPacketSize) { output in
            let length = pcm.withUnsafeBufferPointer { input -> Int32 in
                guard let samples = input.baseAddress, let bytes = output.baseAddress else { return OPUS_BAD_ARG }
                return opus_encode(encoder, samples, Int32(pcm.count / channels), bytes, Int32(output.count))
            }
            return length < 0 ? Result.failure(OpusError(code: length)) : .success(Array(output[..<Int(length)]))
        }
        return try packet.get()
    }
}
