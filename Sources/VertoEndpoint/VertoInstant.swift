/// A point on the host's clock, in nanoseconds since the Unix epoch.
///
/// The engine never reads a clock (sans-IO): every input carries `now`. Keep it on the Unix epoch so that
/// `verto.ping`'s `serno` and `auth-expires` (epoch seconds in mod_verto) come out right; tests start anywhere.
public struct VertoInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// An instant a whole number of seconds after the epoch.
    /// Saturates instead of overflowing (an `auth-expires` far in the future must not trap).
    public static func seconds(_ seconds: Int64) -> VertoInstant {
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return VertoInstant(nanoseconds: seconds < 0 ? .min : .max) }
        return VertoInstant(nanoseconds: product)
    }

    /// Whole seconds since the epoch.
    public var seconds: Int64 { nanoseconds / 1_000_000_000 }

    public static func < (lhs: VertoInstant, rhs: VertoInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: VertoInstant, rhs: Duration) -> VertoInstant {
        let (seconds, attoseconds) = rhs.components
        let offset = VertoInstant.seconds(seconds).nanoseconds.addingReportingOverflow(attoseconds / 1_000_000_000)
        let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(offset.partialValue)
        guard !overflow, !offset.overflow else { return VertoInstant(nanoseconds: seconds < 0 ? .min : .max) }
        return VertoInstant(nanoseconds: sum)
    }

    public static func += (lhs: inout VertoInstant, rhs: Duration) { lhs = lhs + rhs }

    public var description: String { "\(nanoseconds)ns" }
}
