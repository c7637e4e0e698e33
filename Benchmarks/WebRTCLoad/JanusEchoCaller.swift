import Foundation

/// Calls Janus's EchoTest through its WebSocket API (subprotocol `janus-protocol`), the exchange of TESTING.md §5:
/// `create` → session, `attach` janus.plugin.echotest → handle, `message` with the offer (`trickle: false`) →
/// `ack`, then an `event` carrying the answer; `keepalive` per session before Janus's 60 s timeout; `destroy`.
/// All calls share one WebSocket connection, one Janus session per call (as one browser tab each).
final class JanusEchoCaller: CallSignalling {
    private let socket: WebSocketConnection
    private var sessions: [UInt64] = []
    private var lastKeepalive = monotonicSeconds()
    private var transaction = 0

    init(host: String, port: UInt16) throws {
        socket = try WebSocketConnection(host: host, port: port, subprotocol: "janus-protocol")
    }

    func call(index: Int, offer: String) throws -> String {
        let session = try id(of: send(["janus": "create"]))
        sessions.append(session)
        let handle = try id(of: send(["janus": "attach", "session_id": session, "plugin": "janus.plugin.echotest"]))
        let body: [String: Any] = ["audio": true, "video": false]
        let jsep: [String: Any] = ["type": "offer", "sdp": offer, "trickle": false]
        let sent = try send(["janus": "message", "session_id": session, "handle_id": handle, "body": body, "jsep": jsep],
                            until: { $0["jsep"] != nil || $0["janus"] as? String == "error" })
        guard let answer = (sent["jsep"] as? [String: Any])?["sdp"] as? String else {
            throw SignallingFailure("Janus gave no answer for call \(index): \(sent)")
        }
        return answer
    }

    func service(seconds: Double) throws {
        let deadline = monotonicSeconds() + seconds
        while monotonicSeconds() < deadline {
            if monotonicSeconds() - lastKeepalive > 20 {
                for session in sessions {
                    transaction += 1
                    try socket.send(Self.json(["janus": "keepalive", "session_id": session, "transaction": "k\(transaction)"]))
                }
                lastKeepalive = monotonicSeconds()
            }
            _ = try socket.receive(timeout: max(0.01, min(1, deadline - monotonicSeconds())))
        }
    }

    func hangUpAll() {
        for session in sessions {
            transaction += 1
            try? socket.send(Self.json(["janus": "destroy", "session_id": session, "transaction": "d\(transaction)"]))
        }
        try? service(seconds: min(5, 0.5 + Double(sessions.count) * 0.01))
        sessions.removeAll()
    }

    // MARK: - Private

    /// Sends `request` with a fresh transaction and returns the first message of that transaction that is not an
    /// `ack` (or, with `until`, the first one `until` accepts).
    private func send(_ request: [String: Any], until: (([String: Any]) -> Bool)? = nil) throws -> [String: Any] {
        transaction += 1
        let id = "t\(transaction)"
        var message = request
        message["transaction"] = id
        try socket.send(Self.json(message))
        let deadline = monotonicSeconds() + 20
        while true {
            let left = deadline - monotonicSeconds()
            guard left > 0, let text = try socket.receive(timeout: left) else {
                throw SignallingFailure("Janus: no reply to \(request["janus"] ?? "?")")
            }
            guard let reply = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
                  reply["transaction"] as? String == id else { continue }
            if let until { if until(reply) { return reply } else { continue } }
            if reply["janus"] as? String != "ack" { return reply }
        }
    }

    private func id(of reply: [String: Any]) throws -> UInt64 {
        guard reply["janus"] as? String == "success", let data = reply["data"] as? [String: Any],
              let id = (data["id"] as? NSNumber)?.uint64Value else {
            throw SignallingFailure("Janus refused: \(reply)")
        }
        return id
    }

    private static func json(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
