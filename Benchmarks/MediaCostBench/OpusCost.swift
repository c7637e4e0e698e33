import COpus
import Media

/// A raw libopus encoder set up like the wrapped one (48 kHz mono VOIP, `complexity`, `bitrate`).
func makeRawEncoder() -> OpaquePointer {
    var error: Int32 = OPUS_OK
    guard let encoder = opus_encoder_create(48_000, 1, OPUS_APPLICATION_VOIP, &error), error == OPUS_OK else {
        fatalError("opus_encoder_create: \(error)")
    }
    _ = shim_opus_set_complexity(encoder, Int32(complexity))
    _ = shim_opus_set_bitrate(encoder, Int32(bitrate))
    return encoder
}

func makeWrappedEncoder() -> OpusEncoder {
    do {
        let encoder = try OpusEncoder(sampleRate: 48_000, channels: 1, application: .voip)
        try encoder.setComplexity(complexity)
        try encoder.setBitrate(bitrate)
        return encoder
    } catch {
        fatalError("OpusEncoder: \(error)")
    }
}

/// The Opus payloads of `frames`, encoded once (the SRTP and decode measurements use them).
func encodeAll(_ frames: [[Int16]]) -> [[UInt8]] {
    let encoder = makeWrappedEncoder()
    return frames.map { frame in
        do { return try encoder.encode(frame) } catch { fatalError("encode: \(error)") }
    }
}

/// Encode and decode, raw against wrapped, alternating round by round.
func opusRows(frames: [[Int16]], scale: Int) -> [Row] {
    let rawEncoder = makeRawEncoder()
    defer { opus_encoder_destroy(rawEncoder) }
    let wrappedEncoder = makeWrappedEncoder()
    var output = [UInt8](repeating: 0, count: OpusEncoder.maximumPacketSize)
    var sink = 0
    let count = frames.count * scale
    var rawEncode: [Double] = [], wrappedEncode: [Double] = []
    for _ in 0..<rounds {
        rawEncode.append(timed(count) {
            for _ in 0..<scale {
                for frame in frames {
                    sink &+= Int(frame.withUnsafeBufferPointer { input in
                        output.withUnsafeMutableBufferPointer { out in
                            opus_encode(rawEncoder, input.baseAddress!, Int32(frameSamples), out.baseAddress!, 4000)
                        }
                    })
                }
            }
        })
        wrappedEncode.append(timed(count) {
            for _ in 0..<scale {
                for frame in frames { sink &+= (try? wrappedEncoder.encode(frame))?.count ?? 0 }
            }
        })
    }
    let payloads = encodeAll(frames)
    let decode = decodeCosts(payloads, scale: scale * 4, sink: &sink)
    print("(opus sink \(sink % 10))")
    return [Row(name: "Opus encode (48 kHz mono, c\(complexity))", raw: middle(rawEncode), wrapped: middle(wrappedEncode)),
            Row(name: "Opus decode (48 kHz mono)", raw: decode.raw, wrapped: decode.wrapped)]
}

private func decodeCosts(_ payloads: [[UInt8]], scale: Int, sink: inout Int) -> (raw: Double, wrapped: Double) {
    var error: Int32 = OPUS_OK
    guard let rawDecoder = opus_decoder_create(48_000, 1, &error) else { fatalError("opus_decoder_create") }
    defer { opus_decoder_destroy(rawDecoder) }
    guard let wrappedDecoder = try? OpusDecoder(sampleRate: 48_000, channels: 1) else { fatalError("OpusDecoder") }
    // 120 ms, as the wrapper allows (RFC 6716 §3.2.5).
    var pcm = [Int16](repeating: 0, count: 5760)
    let count = payloads.count * scale
    var raw: [Double] = [], wrapped: [Double] = []
    var total = sink
    for _ in 0..<rounds {
        raw.append(timed(count) {
            for _ in 0..<scale {
                for payload in payloads {
                    total &+= Int(payload.withUnsafeBufferPointer { input in
                        pcm.withUnsafeMutableBufferPointer { out in
                            opus_decode(rawDecoder, input.baseAddress, Int32(input.count), out.baseAddress!, 5760, 0)
                        }
                    })
                }
            }
        })
        wrapped.append(timed(count) {
            for _ in 0..<scale {
                for payload in payloads { total &+= (try? wrappedDecoder.decode(payload))?.count ?? 0 }
            }
        })
    }
    sink = total
    return (middle(raw), middle(wrapped))
}
