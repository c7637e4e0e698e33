internal import COpenSSL

/// The DTLS retransmission timer (RFC 6347 §4.2.4.1): its durations, which OpenSSL asks for through
/// `DTLS_set_timer_cb`, and its deadline on the owner's clock.
///
/// OpenSSL keeps its own deadline and checks it against the system clock (`gettimeofday`) inside
/// `DTLSv1_handle_timeout` and before every record read; there is no API to feed it another clock.
/// What the callback does give us is the *duration*: OpenSSL calls it with 0 when a flight's timer
/// starts and with the previous duration after each expiry, and uses what it returns. So both clocks
/// run the same durations: the association schedules `now + duration` on the injected clock, and
/// when that fires asks OpenSSL, whose deadline (on the system clock) has passed too unless the
/// injected clock runs ahead of real time (tests); then OpenSSL's remaining time is rescheduled.
final class DTLSRetransmissionTimer {
    /// Microseconds, as OpenSSL counts them.
    private let initial: UInt32
    private let maximum: UInt32
    /// The duration OpenSSL started its timer with during the current call, if it did.
    private var startedDuration: UInt32?
    /// When the owner should call `handleTimeout`, on its clock; `nil` while no timer runs.
    var deadline: ContinuousClock.Instant?

    init(initial: Duration, maximum: Duration) {
        self.initial = Self.microseconds(initial)
        self.maximum = max(Self.microseconds(maximum), self.initial)
    }

    /// The duration for OpenSSL's next timer: `initial` for a new flight, then doubled after each
    /// expiry up to `maximum` (RFC 6347 §4.2.4.1: 1 s initially, doubling, at least 60 s at most).
    func nextDuration(previous: UInt32) -> UInt32 {
        let doubled = previous > UInt32.max / 2 ? UInt32.max : previous * 2
        let duration = previous == 0 ? initial : min(doubled, maximum)
        startedDuration = duration
        return duration
    }

    /// The duration OpenSSL (re)started its timer with since the last call, if it did, and forgets it.
    func takeStartedDuration() -> Duration? {
        defer { startedDuration = nil }
        return startedDuration.map { .microseconds(Int64($0)) }
    }

    /// Installs `self` as the timer callback's target on `ssl` (ex_data index 0, the "app data"
    /// slot). `self` is held unretained; the association owns both and frees `ssl` first.
    func install(on ssl: OpaquePointer) {
        _ = SSL_set_ex_data(ssl, 0, Unmanaged.passUnretained(self).toOpaque())
        DTLS_set_timer_cb(ssl) { ssl, previous in
            guard let ssl, let target = SSL_get_ex_data(ssl, 0) else { return 1_000_000 }
            return Unmanaged<DTLSRetransmissionTimer>.fromOpaque(target).takeUnretainedValue().nextDuration(previous: previous)
        }
    }

    private static func microseconds(_ duration: Duration) -> UInt32 {
        let (seconds, attoseconds) = duration.components
        let value = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return UInt32(clamping: max(value, 1))
    }
}
