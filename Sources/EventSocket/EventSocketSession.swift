/// The inbound event socket protocol (FreeSWITCH mod_event_socket, compat §8), sans-IO: bytes in, actions
/// out. Commands are text blocks ending with an empty line (`\n\n`, CR tolerated); replies are header blocks,
/// with `Content-Length` and a body for `api/response`.
public struct EventSocketSession: Sendable {
    public enum Action: Sendable, Equatable {
        /// Bytes to write to the client.
        case send(String)
        /// Run an API command line (`status`, `show channels` …) and send its output with `apiResponse`.
        case runAPI(String)
        /// Close the connection (after sending what came before).
        case close
    }

    enum State: Sendable {
        case awaitingAuth
        case authenticated
        case closed
    }

    private var state = State.awaitingAuth
    private var buffer: [UInt8] = []
    private let password: String
    /// A command block larger than this closes the connection (a client that never sends `\n\n`).
    public static let maxCommandSize = 64 * 1024

    public init(password: String) {
        self.password = password
    }

    /// What the server says first on a new connection.
    public static let greeting = "Content-Type: auth/request\n\n"

    public static func apiResponse(_ body: String) -> String {
        "Content-Type: api/response\nContent-Length: \(body.utf8.count)\n\n\(body)"
    }

    static func reply(_ text: String) -> String {
        "Content-Type: command/reply\nReply-Text: \(text)\n\n"
    }

    public mutating func received(_ bytes: some Sequence<UInt8>) -> [Action] {
        guard state != .closed else { return [] }
        buffer.append(contentsOf: bytes)
        var actions: [Action] = []
        while let command = nextCommand() {
            actions += handle(command)
            if state == .closed { return actions }
        }
        if buffer.count > Self.maxCommandSize {
            state = .closed
            actions.append(.close)
        }
        return actions
    }

    /// The next complete command block's first line (headers after it are not used by these commands).
    private mutating func nextCommand() -> String? {
        var i = 0
        while i + 1 < buffer.count {
            if buffer[i] == 10 {
                var j = i + 1
                if j < buffer.count, buffer[j] == 13 { j += 1 }
                if j < buffer.count, buffer[j] == 10 {
                    let block = String(decoding: buffer[0..<i], as: UTF8.self)
                    buffer.removeFirst(j + 1)
                    let firstLine = block.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
                    return firstLine.trimmingCharacters(in: [" ", "\r", "\t"])
                }
            }
            i += 1
        }
        return nil
    }

    private mutating func handle(_ line: String) -> [Action] {
        if line.isEmpty { return [] }
        let word = line.prefix { $0 != " " }
        let rest = line.dropFirst(word.count).drop { $0 == " " }
        switch (state, word) {
        case (.awaitingAuth, "auth"):
            guard String(rest) == password else {
                state = .closed
                return [.send(Self.reply("-ERR invalid")), .close]
            }
            state = .authenticated
            return [.send(Self.reply("+OK accepted"))]
        case (_, "exit"):
            state = .closed
            return [.send(Self.reply("+OK bye")), .close]
        case (.awaitingAuth, _):
            return [.send(Self.reply("-ERR command not found"))]
        case (.authenticated, "api"):
            return [.runAPI(String(rest))]
        case (.authenticated, _):
            return [.send(Self.reply("-ERR command not found"))]
        case (.closed, _):
            return []
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
