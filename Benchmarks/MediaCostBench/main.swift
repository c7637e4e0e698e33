// Per-packet cost of SRTP protect/unprotect and Opus encode/decode (issue 5): the raw C libraries (libsrtp2
// through CSRTP, libopus through COpus, called as a C server would: preallocated buffers, in place) against the
// Swift wrappers the server uses (`SRTPContext`, `OpusEncoder` / `OpusDecoder`), on the same packets.
// One 20 ms packet = a 12-octet RTP header + the Opus payload of a 48 kHz mono frame (complexity 5, 32 kb/s).
// Each measurement runs `--rounds` times alternating raw and wrapped; the median is reported.
// Build with `swift build -c release --product MediaCostBench`. Usage: MediaCostBench [--rounds 5] [--scale 1]
import COpus
import CSRTP
import Media
import SRTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func option(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    return Int(arguments[index + 1]) ?? fallback
}

let rounds = option("--rounds", 5)
let scale = option("--scale", 1)
let complexity = 5
let bitrate = 32_000
let frameSamples = 960

/// Ten seconds of 48 kHz "speech-like" audio: two gliding tones and a little noise (deterministic), so Opus
/// does real work (a pure tone encodes unusually cheaply).
func testSignal(seconds: Int = 10) -> [Int16] {
    var state: UInt32 = 12345
    return (0..<(48_000 * seconds)).map { i in
        state = state &* 1_103_515_245 &+ 12345
        let t = Double(i) / 48_000
        let f1 = 200 + 100 * sin(2 * Double.pi * 0.7 * t), f2 = 1200 + 400 * sin(2 * Double.pi * 0.3 * t)
        let noise = Double(Int32(bitPattern: state >> 16) & 0x7FF) - 1024
        let value = 7000 * sin(2 * Double.pi * f1 * t) + 3000 * sin(2 * Double.pi * f2 * t) + noise
        return Int16(clamping: Int(value))
    }
}

/// Seconds per call of `body`, which makes `count` calls.
func timed(_ count: Int, _ body: () -> Void) -> Double {
    let start = now()
    body()
    return (now() - start) / Double(count)
}

/// The median of one measurement's rounds.
func middle(_ times: [Double]) -> Double { times.sorted()[times.count / 2] }

struct Row {
    var name: String
    var raw: Double
    var wrapped: Double
}

func printTable(_ rows: [Row]) {
    print("| operation (per 20 ms packet) | raw C library ns | Switchboard wrapper ns | overhead |")
    print("|---|---:|---:|---:|")
    for row in rows {
        let overhead = (row.wrapped / row.raw - 1) * 100
        let rounded = (overhead * 10).rounded() / 10 + 0   // + 0 turns -0.0 into 0.0
        let sign = rounded > 0 ? "+" : ""
        let raw = String(Int(row.raw * 1e9)), wrapped = String(Int(row.wrapped * 1e9))
        print("| \(row.name) | \(raw) | \(wrapped) | \(sign)\(rounded) % |")
    }
}

let signal = testSignal()
let frames = stride(from: 0, to: signal.count - frameSamples + 1, by: frameSamples).map {
    Array(signal[$0..<($0 + frameSamples)])
}
var rows: [Row] = []
rows += opusRows(frames: frames, scale: scale)
let payloads = encodeAll(frames)
let meanPayload = payloads.map(\.count).reduce(0, +) / payloads.count
for profile in [SRTPProfile.aeadAES128GCM, .aesCM128HMACSHA1_80] {
    rows += srtpRows(profile: profile, payloads: payloads, count: 50_000 * scale)
}
print("libopus \(String(cString: opus_get_version_string())), \(rounds) rounds (median), Opus 48 kHz mono VOIP, "
      + "complexity \(complexity), \(bitrate / 1000) kb/s, mean payload \(meanPayload) octets")
printTable(rows)
print("server default: OpusEncoder(sampleRate: 48000, channels: 1, application: .voip) has complexity "
      + "\((try? OpusEncoder().complexity()) ?? -1) unless set")
