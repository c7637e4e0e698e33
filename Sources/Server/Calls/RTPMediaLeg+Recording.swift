import Foundation
import Media
import SwitchCore

/// `record` over the RTP leg: inbound G.711 is decoded as it arrives (on the socket's event loop) into a
/// buffer the recorder drains every 20 ms into an 8 kHz mono 16-bit WAV file.
extension RTPMediaLeg {
    /// At most this much decoded audio waits for the recorder (10 s); older samples are dropped.
    static let maximumPendingSamples = 80_000

    static func decode(_ payload: ArraySlice<UInt8>, aLaw: Bool, into buffer: inout [Int16]?) {
        guard buffer != nil else { return }
        buffer!.reserveCapacity(buffer!.count + payload.count)
        for code in payload {
            buffer!.append(aLaw ? G711ALaw.decode(code) : G711MuLaw.decode(code))
        }
        if buffer!.count > maximumPendingSamples { buffer!.removeFirst(buffer!.count - maximumPendingSamples) }
    }

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
            let chunk = takeRecorded()
            if !chunk.isEmpty {
                try writer.write(chunk)
                samples += chunk.count
                if detector?.heard(chunk) == true { break }
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
