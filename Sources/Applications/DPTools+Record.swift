import SwitchCore

extension DPTools {
    /// `record <path> [<time_limit_s>] [<silence_thresh>] [<silence_hits>]` (compat §5): records the caller's
    /// audio until a `playback_terminators` digit, the time limit, `silence_hits` seconds below the energy
    /// threshold, or hangup. Sets `record_seconds`, `record_ms` and `record_samples` (through the session).
    static func record(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async throws {
        let arguments = ApplicationArguments.split(data.text)
        guard let path = arguments.first, !path.isEmpty else {
            log(.error, session, "record: usage: <path> [<time_limit_secs>] [<silence_thresh>] [<silence_hits>]")
            return
        }
        var request = RecordRequest(path: path)
        if arguments.count > 1 {
            guard let seconds = Int(arguments[1]), seconds >= 0 else {
                log(.error, session, "record: time limit '\(arguments[1])' is not a number of seconds")
                return
            }
            request.limit = seconds > 0 ? .seconds(seconds) : nil
        }
        if arguments.count > 2, let threshold = Int(arguments[2]), threshold > 0 {
            request.silenceThreshold = threshold
        }
        if arguments.count > 3, let hits = Int(arguments[3]), hits > 0 {
            request.silenceSeconds = hits
        }
        do {
            let result = try await session.record(request)
            await session.setVariable("current_application_response", "RECORD OK", origin: .system)
            log(.debug, session, "recorded \(path) for \(result.duration)")
        } catch {
            await session.setVariable("current_application_response", "RECORD ERROR", origin: .system)
            log(.error, session, "record of \(path) failed: \(error)")
            throw error
        }
    }
}
