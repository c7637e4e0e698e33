/// A wall-clock instant in whole seconds since 1970-01-01T00:00:00Z (Unix time).
///
/// The engines here never read a clock: the caller passes `now`. Wall-clock time (not a monotonic clock) is
/// what these uses need: nonce timestamps must stay checkable across restarts and cluster nodes, registration
/// expiries are stored, and the `Date` header (RFC 3261 §20.17) shows it.
public struct UnixTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool { lhs.seconds < rhs.seconds }

    /// `time + seconds`, saturating instead of overflowing.
    public static func + (lhs: UnixTime, rhs: Int64) -> UnixTime {
        let (sum, overflow) = lhs.seconds.addingReportingOverflow(rhs)
        return UnixTime(seconds: overflow ? (rhs > 0 ? .max : .min) : sum)
    }

    /// `time - seconds`, saturating instead of overflowing.
    public static func - (lhs: UnixTime, rhs: Int64) -> UnixTime {
        let (difference, overflow) = lhs.seconds.subtractingReportingOverflow(rhs)
        return UnixTime(seconds: overflow ? (rhs > 0 ? .min : .max) : difference)
    }

    /// Seconds from `earlier` to `self` (negative when `earlier` is later), saturating.
    public func seconds(since earlier: UnixTime) -> Int64 {
        let (difference, overflow) = seconds.subtractingReportingOverflow(earlier.seconds)
        return overflow ? (earlier.seconds < 0 ? .max : .min) : difference
    }

    public var description: String { "\(seconds)" }
}
