import Foundation
import Testing
import Media

@Suite struct OpusTests {
    /// `count` samples per channel of a sine at `frequency` Hz, amplitude ~ -6 dBFS, interleaved.
    private func sine(frequency: Double, sampleRate: Int, count: Int, channels: Int) -> [Int16] {
        var pcm: [Int16] = []
        pcm.reserveCapacity(count * channels)
        for n in 0..<count {
            let value = Int16(16384 * sin(2 * Double.pi * frequency * Double(n) / Double(sampleRate)))
            for _ in 0..<channels { pcm.append(value) }
        }
        return pcm
    }

    /// Signal power at `frequency` (Goertzel / single-bin DFT).
    private func power(of signal: [Double], at frequency: Double, sampleRate: Int) -> Double {
        let omega = 2 * Double.pi * frequency / Double(sampleRate)
        var re = 0.0, im = 0.0
        for (n, x) in signal.enumerated() {
            re += x * cos(omega * Double(n))
            im -= x * sin(omega * Double(n))
        }
        return (re * re + im * im) / Double(signal.count * signal.count)
    }

    private func roundTrip(channels: Int) throws -> [Int16] {
        let encoder = try OpusEncoder(sampleRate: 48000, channels: channels, application: .voip)
        try encoder.setBitrate(32000)
        try encoder.setComplexity(5)
        let decoder = try OpusDecoder(sampleRate: 48000, channels: channels)
        let frame = encoder.samplesPer20msFrame
        #expect(frame == 960)
        let input = sine(frequency: 1000, sampleRate: 48000, count: frame * 50, channels: channels)
        var output: [Int16] = []
        for index in 0..<50 {
            let slice = Array(input[(index * frame * channels)..<((index + 1) * frame * channels)])
            let packet = try encoder.encode(slice)
            #expect(!packet.isEmpty && packet.count < 400)
            let decoded = try decoder.decode(packet)
            #expect(decoded.count == frame * channels)
            output += decoded
        }
        return output
    }

    private func expectDominant1kHz(_ output: [Int16], channels: Int, channel: Int) {
        // Skip the first 200 ms (encoder look-ahead and warm-up), then analyse 0.5 s.
        let mono = stride(from: channel, to: output.count, by: channels).map { Double(output[$0]) }
        let window = Array(mono[9600..<(9600 + 24000)])
        let target = power(of: window, at: 1000, sampleRate: 48000)
        for other in [500.0, 800.0, 900.0, 1100.0, 1200.0, 2000.0, 3000.0] {
            let p = power(of: window, at: other, sampleRate: 48000)
            #expect(target > 100 * p, "1 kHz power \(target) vs \(other) Hz \(p)")
        }
        // Amplitude survives: input RMS is 16384/√2 ≈ 11585.
        let rms = (window.reduce(0) { $0 + $1 * $1 } / Double(window.count)).squareRoot()
        #expect(rms > 5000 && rms < 20000, "rms \(rms)")
    }

    @Test func monoSineSurvivesEncodeDecodeAt1kHz() throws {
        let output = try roundTrip(channels: 1)
        expectDominant1kHz(output, channels: 1, channel: 0)
    }

    @Test func stereoSineSurvivesEncodeDecodeAt1kHz() throws {
        let output = try roundTrip(channels: 2)
        expectDominant1kHz(output, channels: 2, channel: 0)
        expectDominant1kHz(output, channels: 2, channel: 1)
    }

    @Test func settersReachTheEncoder() throws {
        let encoder = try OpusEncoder(sampleRate: 48000, channels: 1)
        try encoder.setBitrate(24000)
        try encoder.setComplexity(3)
        #expect(try encoder.bitrate() == 24000)
        #expect(try encoder.complexity() == 3)
        #expect(throws: OpusError.self) { try encoder.setComplexity(11) }
    }

    /// RFC 6716 §3.1: the TOC's bandwidth for each `maxplaybackrate` (the encoder still takes 48 kHz input).
    @Test(arguments: [(8000, "NB"), (16000, "WB"), (48000, "FB")])
    func maximumPlaybackRateLimitsTheCodedBand(rate: Int, band: String) throws {
        let encoder = try OpusEncoder(sampleRate: 48000, channels: 1, application: .voip)
        try encoder.setMaximumPlaybackRate(rate)
        try encoder.setBitrate(32000)
        let input = sine(frequency: 1000, sampleRate: 48000, count: 960 * 10, channels: 1)
        var configuration = 0
        for index in 0..<10 {
            configuration = Int(try encoder.encode(Array(input[(index * 960)..<((index + 1) * 960)]))[0] >> 3)
        }
        // Configurations 0–3 SILK NB, 8–11 SILK WB, 14–15 hybrid FB, 28–31 CELT FB.
        let coded = switch configuration {
        case 0...3, 16...19: "NB"
        case 8...11, 24...27: "WB"
        case 14...15, 28...31: "FB"
        default: "other \(configuration)"
        }
        #expect(coded == band)
    }

    @Test func invalidArgumentsAreReported() throws {
        #expect(throws: OpusError.self) { try OpusEncoder(sampleRate: 44100, channels: 1) }
        #expect(throws: OpusError.self) { try OpusDecoder(sampleRate: 48000, channels: 3) }
        let encoder = try OpusEncoder()
        // 15 ms is not a legal Opus frame duration.
        let error = #expect(throws: OpusError.self) { try encoder.encode([Int16](repeating: 0, count: 720)) }
        #expect(error?.message.isEmpty == false)
    }

    @Test func lossConcealmentProducesAFrame() throws {
        let encoder = try OpusEncoder()
        let decoder = try OpusDecoder()
        let frame = sine(frequency: 440, sampleRate: 48000, count: 960, channels: 1)
        _ = try decoder.decode(try encoder.encode(frame))
        #expect(try decoder.concealLoss(frameSamples: 960).count == 960)
    }
}
