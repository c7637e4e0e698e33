/// Identifies one client transaction for the life of the `SIPTransactionLayer` that created it.
///
/// Ids are serial numbers that are never reused, so a TU that keeps an id after the transaction ended
/// cannot reach a newer transaction that happens to share its branch.
public struct SIPClientTransactionID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public var description: String { "ct\(rawValue)" }
}

/// Identifies one server transaction. A TU may hold it and answer asynchronously much later with
/// `SIPTransactionLayer.sendResponse(_:for:now:)`; an id whose transaction has ended is ignored.
public struct SIPServerTransactionID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public var description: String { "st\(rawValue)" }
}

/// Either kind of transaction id.
public enum SIPTransactionID: Hashable, Sendable {
    case client(SIPClientTransactionID)
    case server(SIPServerTransactionID)
}

/// The RFC 3261 §17 timer names (Table 4) plus RFC 6026 Timers L and M.
public enum SIPTimerName: String, Hashable, Sendable, CaseIterable {
    case a = "A", b = "B", d = "D", e = "E", f = "F", g = "G", h = "H", i = "I", j = "J", k = "K", l = "L", m = "M"
    /// Not a transaction timer: the UAS core's 2xx retransmission until the ACK (RFC 3261 §13.3.1.4), keyed by
    /// the INVITE server transaction whose 2xx it repeats.
    case okRetransmission = "2xx"
}

/// A timer of one transaction. Unique per transaction and timer name, so a shell can key its scheduled
/// tasks by it: starting a timer with an id that is already scheduled replaces the earlier deadline.
public struct SIPTimerID: Hashable, Sendable, CustomStringConvertible {
    public var transaction: SIPTransactionID
    public var name: SIPTimerName

    public init(_ transaction: SIPTransactionID, _ name: SIPTimerName) {
        self.transaction = transaction
        self.name = name
    }

    public var description: String {
        switch transaction {
        case .client(let id): return "\(id).\(name.rawValue)"
        case .server(let id): return "\(id).\(name.rawValue)"
        }
    }
}
