/// A point on a monotonic clock, in nanoseconds since an arbitrary origin chosen by the shell.
///
/// The transaction layer never reads a clock (sans-IO): every input carries `now`, and timers are
/// requested as deadlines of this type. The NIO shell maps it onto `NIODeadline.uptimeNanoseconds`; tests
/// drive a manual clock.
public struct SIPInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's origin.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The origin of the clock (used by tests and as a neutral starting point).
    public static let zero = SIPInstant(nanoseconds: 0)

    public static func < (lhs: SIPInstant, rhs: SIPInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: SIPInstant, rhs: Duration) -> SIPInstant {
        SIPInstant(nanoseconds: lhs.nanoseconds + rhs.sipNanoseconds)
    }

    public static func - (lhs: SIPInstant, rhs: Duration) -> SIPInstant {
        SIPInstant(nanoseconds: lhs.nanoseconds - rhs.sipNanoseconds)
    }

    public static func += (lhs: inout SIPInstant, rhs: Duration) { lhs = lhs + rhs }

    /// The time elapsed from `rhs` to `lhs`.
    public static func - (lhs: SIPInstant, rhs: SIPInstant) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }

    public var description: String { "\(nanoseconds)ns" }
}

extension Duration {
    /// The duration as whole nanoseconds (sub-nanosecond attoseconds are dropped).
    var sipNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
