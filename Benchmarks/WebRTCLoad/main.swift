// WebRTCLoad: N concurrent browser-like WebRTC calls (ICE, DTLS-SRTP, Opus 20 ms) against Switchboard (SIP over
// WebSocket, RFC 7118) or Janus's EchoTest (Janus WebSocket API), counting what comes back (issue 5).
//
// Each call is the offerer: SDP offer (UDP/TLS/RTP/SAVPF, Opus 111, rtcp-mux, setup:actpass), the target's
// answer, STUN checks with USE-CANDIDATE (answering the target's own checks), DTLS as a=setup says, SRTP, then
// 50 packets/s of a 1 kHz tone encoded once at start. Signalling runs on the main thread; all media on one
// epoll thread. After every call is up and `--settle` seconds, it prints `WINDOW-START`, measures `--window`
// seconds, prints `WINDOW-END` (a driver samples the target's CPU between the two lines), hangs up and prints
// one `RESULT {json}` line: calls up, packets sent/received/expected in the window, loss % (sequence gaps),
// RFC 3550 jitter, and the generator's own CPU.
//
// Usage: WebRTCLoad --target switchboard|janus --host 10.77.0.1 --port 5066 --local-ip 10.77.0.2 --calls 100
//        [--destination 9196] [--user 1000 --password secret --domain 127.0.0.1] [--rate 25] [--settle 3] [--window 20]
//        [--max-playback-rate honour|ignore]
import DTLS
import Dispatch
import Foundation
import Media
import SDP

let options = Options(CommandLine.arguments.dropFirst())

/// One line on standard output, unbuffered (the driver reacts to WINDOW-START / WINDOW-END as they come).
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// One second of a 1 kHz tone at -12 dBFS as 50 Opus packets (48 kHz mono, complexity 5), made once, as a browser
/// (libwebrtc) encodes for a receiver whose answer says `maxplaybackrate` (RFC 7587; 48000 when it says nothing):
/// the encoder's band limited to that rate, at libwebrtc's default bitrate for it — 12 kbit/s up to 8 kHz, 20 up to
/// 16 kHz, else 32 (libopus' own default for 48 kHz mono would be 51 kbit/s).
func tonePayloads(maxPlaybackRate: Int) throws -> [[UInt8]] {
    let encoder = try OpusEncoder(sampleRate: 48_000, channels: 1, application: .voip)
    try encoder.setComplexity(5)
    try encoder.setMaximumPlaybackRate(maxPlaybackRate)
    try encoder.setBitrate(maxPlaybackRate <= 8000 ? 12_000 : maxPlaybackRate <= 16_000 ? 20_000 : 32_000)
    return try (0..<50).map { frame in
        try encoder.encode((0..<960).map { i in
            Int16(8000 * sin(2 * Double.pi * 1000 * Double(frame * 960 + i) / 48_000))
        })
    }
}

/// The tone for each playback rate an answer can ask for (libwebrtc's bands).
func tonePayloadsByPlaybackRate() throws -> [Int: [[UInt8]]] {
    var payloads: [Int: [[UInt8]]] = [:]
    for rate in CallPlan.playbackRates { payloads[rate] = try tonePayloads(maxPlaybackRate: rate) }
    return payloads
}

func makeSignalling() throws -> CallSignalling {
    switch options.target {
    case "janus": return try JanusEchoCaller(host: options.host, port: options.port)
    default:
        return try SIPWebSocketCaller(
            host: options.host, port: options.port, user: options.user, password: options.password,
            domain: options.domain, destination: options.destination)
    }
}

/// Places every call at `--rate` per second; returns how many got an answer.
func placeCalls(
    _ signalling: CallSignalling, _ offerer: Offerer, _ board: MediaBoard
) -> (placed: Int, failed: [String], playbackRates: [Int: Int]) {
    var placed = 0
    var playbackRates: [Int: Int] = [:]
    var failed: [String] = []
    let start = monotonicSeconds()
    for index in 0..<options.calls {
        do {
            let pending = try offerer.offer(index: index)
            let answer = try signalling.call(index: index, offer: pending.offer)
            let plan = try offerer.plan(index: index, pending: pending, answer: answer)
            playbackRates[plan.maxPlaybackRate, default: 0] += 1
            board.add(plan)
            placed += 1
        } catch {
            failed.append("call \(index): \(error)")
        }
        let due = start + Double(index + 1) / options.rate
        try? signalling.service(seconds: max(0, due - monotonicSeconds()))
    }
    return (placed, failed, playbackRates)
}

func run() throws {
    let certificate = try SelfSignedCertificate.generate(commonName: "WebRTCLoad", validDays: 30)
    guard let fingerprint = SDPFingerprint(attributeValue: certificate.sdpFingerprint) else {
        throw SignallingFailure("bad certificate fingerprint")
    }
    let board = MediaBoard()
    let loop = MediaLoop(board: board, context: try DTLSContext(certificate: certificate), payloads: try tonePayloadsByPlaybackRate())
    let finished = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        loop.run()
        finished.signal()
    }
    defer {
        board.stop()
        finished.wait()
    }
    let signalling = try makeSignalling()
    let setupStart = monotonicSeconds()
    let (placed, signallingFailures, playbackRates) = placeCalls(signalling, Offerer(localIP: options.localIP, fingerprint: fingerprint), board)
    // Wait (at most 20 s) for every answered call to have its SRTP keys.
    let deadline = monotonicSeconds() + 20
    while board.snapshot.up + board.snapshot.failures.count < placed && monotonicSeconds() < deadline {
        try signalling.service(seconds: 0.2)
    }
    let setupSeconds = monotonicSeconds() - setupStart
    try signalling.service(seconds: options.settle)
    emit("WINDOW-START")
    let before = board.snapshot, cpuBefore = processCPUSeconds(), wallBefore = monotonicSeconds()
    try signalling.service(seconds: options.window)
    let after = board.snapshot, cpuAfter = processCPUSeconds(), wallAfter = monotonicSeconds()
    emit("WINDOW-END")
    signalling.hangUpAll()
    let result = WindowResult(from: before.statistics, to: after.statistics, clockRate: 48_000)
    emit(report(result, placed: placed, up: after.up, setupSeconds: setupSeconds, playbackRates: playbackRates,
                cpu: (cpuAfter - cpuBefore) / (wallAfter - wallBefore), failures: signallingFailures + after.failures))
}

func report(
    _ result: WindowResult, placed: Int, up: Int, setupSeconds: Double, playbackRates: [Int: Int], cpu: Double,
    failures: [String]
) -> String {
    let fields: [String: Any] = [
        "target": options.target, "calls": options.calls, "answered": placed, "up": up,
        "receiving": result.callsReceiving, "window_s": options.window, "sent": result.sent,
        "received": result.received, "expected": result.expected,
        "loss_pct": (result.lossPercent * 1000).rounded() / 1000,
        "jitter_ms_mean": (result.meanJitterMs * 100).rounded() / 100,
        "jitter_ms_max": (result.maxJitterMs * 100).rounded() / 100,
        "setup_s": (setupSeconds * 10).rounded() / 10, "generator_cpu_pct": (cpu * 1000).rounded() / 10,
        "failures": failures.count, "first_failures": Array(failures.prefix(3)),
        // How many answers asked for each Opus maxplaybackrate (RFC 7587; 48000 = none), as "rate:calls".
        "opus_playback_rates": playbackRates.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","),
    ]
    let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
    return "RESULT " + String(decoding: data, as: UTF8.self)
}

do {
    try run()
} catch {
    emit("ERROR \(error)")
    exit(1)
}
