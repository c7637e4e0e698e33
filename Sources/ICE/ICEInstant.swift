/// A point on a monotonic clock, in nanoseconds since an arbitrary origin chosen by the shell.
///
/// The ICE engine never reads a clock (sans-IO): every input carries `now`, and the agent reports its
/// next deadline as a value of this type. The NIO shell maps it onto `NIODeadline.uptimeNanoseconds`;
/// tests drive a manual clock. (The same shape as SIPStack's `SIPInstant`; ICE does not depend on SIP.)
public struct ICEInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's origin.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The origin of the clock.
    public static let zero = ICEInstant(nanoseconds: 0)

    public static func < (lhs: ICEInstant, rhs: ICEInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: ICEInstant, rhs: Duration) -> ICEInstant {
        ICEInstant(nanoseconds: lhs.nanoseconds + rhs.iceNanoseconds)
    }

    public static func - (lhs: ICEInstant, rhs: Duration) -> ICEInstant {
        ICEInstant(nanoseconds: lhs.nanoseconds - rhs.iceNanoseconds)
    }

    public static func += (lhs: inout ICEInstant, rhs: Duration) { lhs = lhs + rhs }

    /// The time elapsed from `rhs` to `lhs`.
    public static func - (lhs: ICEInstant, rhs: ICEInstant) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }

    public var description: String { "\(nanoseconds)ns" }
}

extension Duration {
    /// The duration as whole nanoseconds (sub-nanosecond attoseconds are dropped).
    var iceNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
