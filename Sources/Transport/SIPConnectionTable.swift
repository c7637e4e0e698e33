import NIOCore
import SIPMessage
import Synchronization

/// Open stream connections (TCP, TLS, WS, WSS) by id, so that responses and requests to a registered
/// device go back on the flow it opened (RFC 3261 §18.2.2, RFC 5626 flows, RFC 7118 §5).
final class SIPConnectionTable: Sendable {
    struct Entry: Sendable {
        var channel: Channel
        var peer: SIPPeer
        /// WebSocket connections need each message wrapped in a frame.
        var isWebSocket: Bool
    }

    private let entries = Mutex<[UInt64: Entry]>([:])
    private let nextID = Atomic<UInt64>(1)

    func allocateID() -> UInt64 {
        nextID.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    func insert(_ id: UInt64, _ entry: Entry) {
        entries.withLock { $0[id] = entry }
    }

    func remove(_ id: UInt64) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    func lookup(_ id: UInt64) -> Entry? {
        entries.withLock { $0[id] }
    }

    var count: Int { entries.withLock { $0.count } }

    func closeAll() {
        let channels = entries.withLock { table in
            let all = table.values.map(\.channel)
            table.removeAll()
            return all
        }
        for channel in channels { channel.close(promise: nil) }
    }
}
