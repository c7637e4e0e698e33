import Foundation
import Media
import RTP
import SwitchCore

/// `record` over the RTP leg: inbound G.711 packets go into an adaptive jitter buffer as they arrive (on the
/// socket's event loop); every 20 ms the recorder pulls one frame, decoded, or concealed (G.711 PLC) when it is
/// missing, into an 8 kHz mono 16-bit WAV file.
extension RTPMediaLeg {
    func record(_ path: String, limit: Duration?, terminators: Set<Character>) async throws -> RecordResult {
        try await record(RecordRequest(path: path, limit: limit), terminators: terminators)
    }

    /// Records until a terminator digit, the limit, `silenceSeconds` of frames below the threshold, or
    /// cancellation (hangup). Relative paths are resolved in the recordings folder; parent folders are created.
    func record(_ request: RecordRequest, terminators: Set<Character>) async throws -> RecordResult {
        let path = resolvedRecordingPath(request.path)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let writer = try WAVWriter(path: path, format: WAVFormat(sampleRate: 8000))
        startRecording()
        defer {
            stopRecording()
            try? writer.finish()
        }
        var detector = request.silenceThreshold.map { SilenceDetector(threshold: $0, seconds: request.silenceSeconds) }
        let clock = ContinuousClock()
        let start = clock.now
        var samples = 0
        var tick = 0
        while true {
            if Task.isCancelled { break }
            if let frame = pullRecordedFrame() {
                try writer.write(frame)
                samples += frame.count
                if detector?.heard(frame) == true { break }
            }
            if let digit = takeDigit(), terminators.contains(digit) {
                return RecordResult(duration: .milliseconds(samples / 8), terminator: digit)
            }
            if let limit = request.limit, clock.now - start >= limit { break }
            tick += 1
            do { try await Task.sleep(until: start + .milliseconds(20 * tick), clock: clock) } catch { break }
        }
        return RecordResult(duration: .milliseconds(samples / 8))
    }

    private func resolvedRecordingPath(_ path: String) -> String {
        path.hasPrefix("/") ? path : recordingsDirectory + "/" + path
    }
}

/// FreeSWITCH's record silence rule: a 20 ms frame is silent when its mean absolute sample value is below the
/// threshold; `seconds` of consecutive silent frames end the recording.
struct SilenceDetector {
    let threshold: Int
    let framesNeeded: Int
    private var pending: [Int16] = []
    private var silentFrames = 0

    init(threshold: Int, seconds: Int) {
        self.threshold = threshold
        framesNeeded = max(1, seconds) * 50
    }

    /// Feeds audio; true once enough consecutive silence was heard.
    mutating func heard(_ samples: [Int16]) -> Bool {
        pending.append(contentsOf: samples)
        while pending.count >= 160 {
            let energy = pending.prefix(160).reduce(0) { $0 + abs(Int($1)) } / 160
            pending.removeFirst(160)
            silentFrames = energy < threshold ? silentFrames + 1 : 0
            if silentFrames >= framesNeeded { return true }
        }
        return false
    }
}

/// The recorder's side of the inbound stream: jitter buffer, decoder and packet-loss concealment.
struct RecordingInput: Sendable {
    private var jitter: JitterBuffer<ArraySlice<UInt8>>
    private var concealment = G711PacketLossConcealment()

    /// `clockRate`: the RTP clock of the recorded stream (8000 for G.711, 48000 for Opus).
    init(clockRate: Int = 8000) {
        jitter = JitterBuffer(clockRate: clockRate)
    }

    /// The next payload as the jitter buffer plays it out, for codecs the recorder decodes itself (Opus).
    mutating func pullPayload() -> JitterBuffer<ArraySlice<UInt8>>.Output {
        jitter.pull()
    }

    mutating func insert(_ packet: RTPPacket, arrival: ContinuousClock.Instant) {
        jitter.insert(
            .init(sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp, payload: packet.payload),
            arrival: arrival)
    }

    mutating func pull(aLaw: Bool) -> [Int16]? {
        switch jitter.pull() {
        case .empty:
            return nil
        case .lost:
            var frame = [Int16](repeating: 0, count: 160)
            concealment.concealFrame(into: &frame)
            return frame
        case .frame(let packet):
            var frame = packet.payload.map { aLaw ? G711ALaw.decode($0) : G711MuLaw.decode($0) }
            concealment.receivedFrame(&frame)
            return frame
        }
    }
}
