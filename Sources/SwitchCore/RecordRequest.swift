/// A `record` request (compat §5 `record <path> [<time_limit_s>] [<silence_thresh>] [<silence_hits>]`).
public struct RecordRequest: Sendable, Hashable {
    public var path: String
    /// Stop after this long; nil for no limit (until a terminator, silence or hangup).
    public var limit: Duration?
    /// A 20 ms frame whose mean absolute sample value is below this counts as silent (FreeSWITCH's energy
    /// score); nil disables silence detection.
    public var silenceThreshold: Int?
    /// Stop after this many seconds of consecutive silent frames (FreeSWITCH `silence_hits`, default 3).
    public var silenceSeconds: Int

    public init(path: String, limit: Duration? = nil, silenceThreshold: Int? = nil, silenceSeconds: Int = 3) {
        self.path = path
        self.limit = limit
        self.silenceThreshold = silenceThreshold
        self.silenceSeconds = silenceSeconds
    }
}

extension MediaPort {
    /// Media layers without silence detection record with the path, limit and terminators only.
    public func record(_ request: RecordRequest, terminators: Set<Character>) async throws -> RecordResult {
        try await record(request.path, limit: request.limit, terminators: terminators)
    }
}

extension SessionContext {
    /// Contexts without silence detection record with the path and limit only.
    public func record(_ request: RecordRequest) async throws -> RecordResult {
        try await record(request.path, limit: request.limit)
    }
}
