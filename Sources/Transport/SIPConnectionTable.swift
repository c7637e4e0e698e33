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

    /// Remote address of a flow, for reaching a registered device over the connection it opened when
    /// only its address is known (RFC 5626 §5.3: the flow is the route to a contact behind NAT).
    struct FlowKey: Hashable, Sendable {
        var transport: SIPTransportProtocol
        var host: String
        var port: Int
    }

    private let entries = Mutex<(byID: [UInt64: Entry], byFlow: [FlowKey: UInt64])>(([:], [:]))
    private let nextID = Atomic<UInt64>(1)

    func allocateID() -> UInt64 {
        nextID.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    func insert(_ id: UInt64, _ entry: Entry) {
        let key = FlowKey(transport: entry.peer.transport, host: entry.peer.host, port: entry.peer.port)
        entries.withLock {
            $0.byID[id] = entry
            $0.byFlow[key] = id
        }
    }

    func remove(_ id: UInt64) {
        entries.withLock { table in
            guard let entry = table.byID.removeValue(forKey: id) else { return }
            let key = FlowKey(transport: entry.peer.transport, host: entry.peer.host, port: entry.peer.port)
            if table.byFlow[key] == id { table.byFlow.removeValue(forKey: key) }
        }
    }

    func lookup(_ id: UInt64) -> Entry? {
        entries.withLock { $0.byID[id] }
    }

    /// The open connection from that remote address, if any.
    func lookup(flow peer: SIPPeer) -> Entry? {
        let key = FlowKey(transport: peer.transport, host: peer.host, port: peer.port)
        return entries.withLock { table in table.byFlow[key].flatMap { table.byID[$0] } }
    }

    var count: Int { entries.withLock { $0.byID.count } }

    func closeAll() {
        let channels = entries.withLock { table in
            let all = table.byID.values.map(\.channel)
            table.byID.removeAll()
            table.byFlow.removeAll()
            return all
        }
        for channel in channels { channel.close(promise: nil) }
    }
}
