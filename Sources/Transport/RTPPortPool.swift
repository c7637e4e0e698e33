import Synchronization

/// Hands out even UDP ports from the configured RTP range (RFC 3550 §11: RTP on an even port, RTCP on the
/// next odd one), round robin so a just-released port is not reused at once (late packets of the old call).
public final class RTPPortPool: Sendable {
    public let range: ClosedRange<Int>
    private let state: Mutex<(next: Int, inUse: Set<Int>)>

    public init(range: ClosedRange<Int>) {
        let lower = range.lowerBound % 2 == 0 ? range.lowerBound : range.lowerBound + 1
        self.range = lower...max(lower, range.upperBound)
        self.state = Mutex((lower, []))
    }

    /// The next free even port, or `nil` when every port is taken.
    public func allocate() -> Int? {
        state.withLock { s in
            let slots = (range.upperBound - range.lowerBound) / 2 + 1
            for _ in 0..<slots {
                let port = s.next
                s.next = port + 2 > range.upperBound ? range.lowerBound : port + 2
                if !s.inUse.contains(port) {
                    s.inUse.insert(port)
                    return port
                }
            }
            return nil
        }
    }

    public func release(_ port: Int) {
        _ = state.withLock { $0.inUse.remove(port) }
    }

    public var inUseCount: Int { state.withLock { $0.inUse.count } }
}
