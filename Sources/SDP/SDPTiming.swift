/// The `t=` line (RFC 8866 §5.9): `t=<start-time> <stop-time>` as NTP seconds; `0 0` means unbounded.
public struct SDPTiming: Hashable, Sendable {
    public var start: UInt64
    public var stop: UInt64

    public init(start: UInt64 = 0, stop: UInt64 = 0) {
        self.start = start
        self.stop = stop
    }

    init?(parsing value: Substring) {
        let f = value.split(separator: " ", omittingEmptySubsequences: true)
        guard f.count == 2, let start = UInt64(f[0]), let stop = UInt64(f[1]) else { return nil }
        self.init(start: start, stop: stop)
    }

    func serialize() -> String { "\(start) \(stop)" }
}
