import SIPStack

/// Calls over SIP on WebSocket (RFC 7118, subprotocol `sip`) as a browser SIP client does: INVITE with the
/// offer, answering a 401/407 digest challenge (RFC 3261 §22.2, MD5 through SIPStack's Digest), ACK of the
/// 2xx (§13.2.2.4) and BYE at the end. All calls share one WebSocket connection.
final class SIPWebSocketCaller: CallSignalling {
    private struct Dialog {
        var callID: String
        var fromTag: String
        var toTag: String
        var cseq: Int
        var target: String
        var to: String
    }

    private let socket: WebSocketConnection
    private let user: String
    private let password: String
    private let domain: String
    /// Call i goes to `destinations[i % count]` (e.g. several far-end UASes).
    private let destinations: [String]
    private let viaHost = "\(randomToken(12)).invalid"
    private var dialogs: [Dialog] = []

    init(host: String, port: UInt16, user: String, password: String, domain: String, destination: String) throws {
        socket = try WebSocketConnection(host: host, port: port, subprotocol: "sip")
        self.user = user
        self.password = password
        self.domain = domain
        destinations = destination.split(separator: ",").map(String.init)
    }

    func call(index: Int, offer: String) throws -> String {
        let destination = destinations[index % destinations.count]
        let callID = randomToken(20), fromTag = randomToken(8), uri = "sip:\(destination)@\(domain)"
        var cseq = 1
        var authorization: String?
        while true {
            let branch = "z9hG4bK" + randomToken(12)
            let extra = authorization.map { [$0] } ?? []
            try socket.send(request("INVITE", uri, callID: callID, cseq: cseq, fromTag: fromTag, branch: branch,
                                    to: destination, extra: extra, body: offer))
            let response = try finalResponse(callID: callID, method: "INVITE")
            let toTag = response.header("to").flatMap(SIPText.tag(of:)) ?? ""
            let status = response.status
            if (status == 401 || status == 407) && authorization == nil {
                try socket.send(request("ACK", uri, callID: callID, cseq: cseq, fromTag: fromTag, toTag: toTag, branch: branch, to: destination))
                authorization = try answer(challenge: response, status: status, uri: uri)
                cseq += 1
                continue
            }
            guard status == 200 else {
                if status >= 300 {
                    try socket.send(request("ACK", uri, callID: callID, cseq: cseq, fromTag: fromTag, toTag: toTag, branch: branch, to: destination))
                }
                throw SignallingFailure("INVITE \(index) answered \(response.startLine)")
            }
            let target = response.header("contact").map(Self.uri(inContact:)) ?? uri
            try socket.send(request("ACK", target, callID: callID, cseq: cseq, fromTag: fromTag, toTag: toTag,
                                    branch: "z9hG4bK" + randomToken(12), to: destination))
            dialogs.append(Dialog(callID: callID, fromTag: fromTag, toTag: toTag, cseq: cseq, target: target, to: destination))
            return response.body
        }
    }

    func service(seconds: Double) throws {
        let deadline = monotonicSeconds() + seconds
        while monotonicSeconds() < deadline {
            guard let text = try socket.receive(timeout: deadline - monotonicSeconds()) else { return }
            let message = SIPText(text)
            if !message.isResponse { try answerRequest(message) }
        }
    }

    func hangUpAll() {
        for dialog in dialogs {
            try? socket.send(request("BYE", dialog.target, callID: dialog.callID, cseq: dialog.cseq + 1,
                                     fromTag: dialog.fromTag, toTag: dialog.toTag, branch: "z9hG4bK" + randomToken(12),
                                     to: dialog.to))
        }
        // Collect the 200s (and answer anything else) so the server sees the dialogs end cleanly.
        try? service(seconds: min(5, 0.5 + Double(dialogs.count) * 0.01))
        dialogs.removeAll()
    }

    // MARK: - Private

    private func answer(challenge response: SIPText, status: Int, uri: String) throws -> String {
        let name = status == 407 ? "proxy-authenticate" : "www-authenticate"
        guard let value = response.header(name) else { throw SignallingFailure("\(status) without \(name)") }
        let challenge = try DigestChallenge(parsing: value)
        let ha1 = Digest.ha1(username: user, realm: challenge.realm, password: password, algorithm: challenge.algorithm)
        let credentials = DigestCredentials.answering(
            challenge, username: user, ha1: ha1, method: "INVITE", uri: uri, cnonce: randomToken(16))
        return (status == 407 ? "Proxy-Authorization: " : "Authorization: ") + credentials.headerValue
    }

    /// The next final response of `callID`'s `method` transaction; requests arriving meanwhile are answered.
    private func finalResponse(callID: String, method: String) throws -> SIPText {
        let deadline = monotonicSeconds() + 15
        while true {
            let left = deadline - monotonicSeconds()
            guard left > 0, let text = try socket.receive(timeout: left) else {
                throw SignallingFailure("no final response to \(method) \(callID)")
            }
            let message = SIPText(text)
            guard message.isResponse else { try answerRequest(message); continue }
            guard message.header("call-id") == callID, message.header("cseq")?.hasSuffix(method) == true,
                  message.status >= 200 else { continue }
            return message
        }
    }

    /// 200 OK to a request from the server (OPTIONS, a BYE of a call it ended, NOTIFY); none for ACK.
    private func answerRequest(_ message: SIPText) throws {
        guard !message.startLine.hasPrefix("ACK ") else { return }
        var lines = ["SIP/2.0 200 OK"]
        for name in ["via", "from", "to", "call-id", "cseq"] {
            lines += message.all(name).map { "\(name): \($0)" }
        }
        try socket.send(lines.joined(separator: "\r\n") + "\r\nContent-Length: 0\r\n\r\n")
    }

    private func request(
        _ method: String, _ uri: String, callID: String, cseq: Int, fromTag: String, toTag: String? = nil,
        branch: String, to destination: String, extra: [String] = [], body: String = ""
    ) -> String {
        var lines = [
            "\(method) \(uri) SIP/2.0", "Via: SIP/2.0/WS \(viaHost);branch=\(branch)", "Max-Forwards: 70",
            "From: <sip:\(user)@\(domain)>;tag=\(fromTag)",
            "To: <sip:\(destination)@\(domain)>" + (toTag.map { ";tag=\($0)" } ?? ""),
            "Call-ID: \(callID)", "CSeq: \(cseq) \(method)", "Contact: <sip:\(user)@\(viaHost);transport=ws>",
        ]
        lines += extra
        if !body.isEmpty { lines.append("Content-Type: application/sdp") }
        lines.append("Content-Length: \(body.utf8.count)")
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    /// The URI inside a Contact value (`<sip:…>;params` or a bare URI).
    private static func uri(inContact value: String) -> String {
        if let open = value.firstIndex(of: "<"), let close = value.firstIndex(of: ">"), open < close {
            return String(value[value.index(after: open)..<close])
        }
        return String(value.split(separator: ";").first ?? "")
    }
}
