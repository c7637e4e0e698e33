/// The timer values of RFC 3261 §17 (Table 4 in Appendix A) with the RFC 6026 additions.
///
/// Only T1, T2, T4 and Timer D are free parameters; every other timer derives from them:
///
/// | Timer | Value                        | Meaning                                              |
/// |-------|------------------------------|------------------------------------------------------|
/// | A     | initially T1, doubling       | INVITE request retransmit, unreliable only (§17.1.1.2) |
/// | B     | 64·T1                        | INVITE transaction timeout (§17.1.1.2)               |
/// | D     | ≥ 32 s unreliable, 0 reliable | wait for response retransmits (§17.1.1.2)           |
/// | E     | T1, doubling up to T2        | non-INVITE request retransmit, unreliable (§17.1.2.2) |
/// | F     | 64·T1                        | non-INVITE transaction timeout (§17.1.2.2)           |
/// | G     | T1, doubling up to T2        | INVITE final response retransmit, unreliable (§17.2.1) |
/// | H     | 64·T1                        | wait time for ACK receipt (§17.2.1)                  |
/// | I     | T4 unreliable, 0 reliable    | wait time for ACK retransmits (§17.2.1)              |
/// | J     | 64·T1 unreliable, 0 reliable | wait time for non-INVITE request retransmits (§17.2.2) |
/// | K     | T4 unreliable, 0 reliable    | wait time for response retransmits (§17.1.2.2)       |
/// | L     | 64·T1                        | wait time for accepted INVITE retransmits (RFC 6026 §8.7) |
/// | M     | 64·T1                        | wait time for retransmitted 2xx (RFC 6026 §8.4)     |
public struct SIPTimerConfiguration: Sendable, Hashable {
    /// RTT estimate (RFC 3261 §17.1.1.1), default 500 ms.
    public var t1: Duration
    /// The maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s.
    public var t2: Duration
    /// The maximum duration a message will remain in the network, default 5 s.
    public var t4: Duration
    /// Timer D on unreliable transports: "at least 32 seconds" (RFC 3261 §17.1.1.2).
    public var timerDUnreliable: Duration

    public init(
        t1: Duration = .milliseconds(500), t2: Duration = .seconds(4), t4: Duration = .seconds(5),
        timerDUnreliable: Duration = .seconds(32)
    ) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
        self.timerDUnreliable = timerDUnreliable
    }

    /// 64·T1: Timers B, F, H, L, M and J (unreliable).
    public var transactionTimeout: Duration { t1 * 64 }

    /// Timer D: 0 on reliable transports (RFC 3261 §17.1.1.2).
    public func timerD(reliable: Bool) -> Duration { reliable ? .zero : timerDUnreliable }

    /// Timer I and Timer K: T4 on unreliable transports, 0 on reliable ones (§17.2.1, §17.1.2.2).
    public func timerIK(reliable: Bool) -> Duration { reliable ? .zero : t4 }

    /// Timer J: 64·T1 on unreliable transports, 0 on reliable ones (§17.2.2).
    public func timerJ(reliable: Bool) -> Duration { reliable ? .zero : transactionTimeout }

    /// The next Timer E/G interval: doubled, capped at T2 (§17.1.2.2, §17.2.1).
    func doubledCapped(_ interval: Duration) -> Duration { min(interval * 2, t2) }
}
