internal import COpus

/// An Opus decoder (RFC 6716) producing 16-bit interleaved PCM.
///
/// Not thread-safe: one decoder per media stream.
public final class OpusDecoder {
    /// Output sampling rate: 8000, 12000, 16000, 24000 or 48000 Hz (any stream decodes at any rate).
    public let sampleRate: Int
    /// Output channels, 1 or 2.
    public let channels: Int
    private let decoder: OpaquePointer

    public init(sampleRate: Int = 48000, channels: Int = 1) throws(OpusError) {
        var error: Int32 = OPUS_OK
        let created = opus_decoder_create(Int32(clamping: sampleRate), Int32(clamping: channels), &error)
        guard error == OPUS_OK, let created else { throw OpusError(code: error == OPUS_OK ? OPUS_ALLOC_FAIL : error) }
        self.sampleRate = sampleRate
        self.channels = channels
        self.decoder = created
    }

    deinit { opus_decoder_destroy(decoder) }

    /// Largest frame Opus can carry: 120 ms (RFC 6716 §3.2.5), per channel.
    private var maximumFrameSamples: Int { sampleRate * 120 / 1000 }

    /// Decodes one packet to interleaved PCM (`samples per channel × channels` values).
    public func decode(_ packet: [UInt8]) throws(OpusError) -> [Int16] {
        try decode(packet: packet, frameSamples: maximumFrameSamples)
    }

    /// Packet loss concealment: synthesizes `frameSamples` samples per channel for a lost packet.
    public func concealLoss(frameSamples: Int) throws(OpusError) -> [Int16] {
        try decode(packet: nil, frameSamples: frameSamples)
    }

    private func decode(packet: [UInt8]?, frameSamples: Int) throws(OpusError) -> [Int16] {
        var decoded: Int32 = 0
        // Uninitialized room for the largest frame; only the decoded samples count (no zero fill, no trim).
        let pcm = [Int16](unsafeUninitializedCapacity: frameSamples * channels) { output, initialized in
            guard let samples = output.baseAddress else {
                decoded = OPUS_BAD_ARG
                initialized = 0
                return
            }
            if let packet {
                decoded = packet.withUnsafeBufferPointer { input in
                    opus_decode(decoder, input.baseAddress, Int32(input.count), samples, Int32(frameSamples), 0)
                }
            } else {
                decoded = opus_decode(decoder, nil, 0, samples, Int32(frameSamples), 0)
            }
            initialized = decoded > 0 ? Int(decoded) * channels : 0
        }
        guard decoded >= 0 else { throw OpusError(code: decoded) }
        return pcm
    }
}
