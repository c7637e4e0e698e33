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
        /// Start feeding events to `deliver` (the first `event` command); `stopEvents` ends it (`noevents`).
        case startEvents
        case stopEvents
        /// `bgapi`: run the command in the background; its output comes back as a BACKGROUND_JOB event.
        case runBackgroundAPI(jobUUID: String, line: String)
        /// `sendevent`: fire the event, or queue it to the call its `Unique-ID` names (already replied to).
        case fireEvent(EventSocketFiredEvent)
    }

    enum State: Sendable {
        case awaitingAuth
        case authenticated
        case closed
    }

    private var state = State.awaitingAuth
    private var buffer: [UInt8] = []
    private let password: String
    /// The events this client listens to, once it sent `event`.
    public private(set) var subscription: EventSocketSubscription?
    /// Makes `bgapi` job ids; a random UUID in production, deterministic in tests.
    private let makeJobUUID: @Sendable () -> String
    /// Event names `sendevent` accepts besides `CUSTOM` (upper case); nil accepts any.
    private let knownEventNames: Set<String>?
    /// A command block larger than this closes the connection (a client that never sends `\n\n`).
    public static let maxCommandSize = 64 * 1024

    public init(
        password: String, knownEventNames: Set<String>? = nil,
        makeJobUUID: @escaping @Sendable () -> String = EventSocketSession.randomJobUUID
    ) {
        self.password = password
        self.knownEventNames = knownEventNames
        self.makeJobUUID = makeJobUUID
    }

    /// The frame to send for `event`, or nil when this client did not subscribe to it.
    public func deliver(_ event: EventSocketEvent) -> String? {
        guard state == .authenticated else { return nil }
        return subscription?.frame(event)
    }

    /// A random version-4 UUID in the usual lower-case text form.
    public static func randomJobUUID() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
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
            actions += command.line.hasPrefix("sendevent") && state == .authenticated
                ? sendEvent(command) : handle(command.line)
            if state == .closed { return actions }
        }
        if buffer.count > Self.maxCommandSize {
            state = .closed
            actions.append(.close)
        }
        return actions
    }

    /// The next complete command block: its first line, the `Name: value` lines after it, and — when they
    /// have `Content-Length` — that many bytes of body after the empty line (nil until all have arrived).
    private mutating func nextCommand() -> EventSocketCommandBlock? {
        var i = 0
        while i + 1 < buffer.count {
            if buffer[i] == 10 {
                var j = i + 1
                if j < buffer.count, buffer[j] == 13 { j += 1 }
                if j < buffer.count, buffer[j] == 10 {
                    var block = EventSocketCommandBlock(String(decoding: buffer[0..<i], as: UTF8.self))
                    let length = block.contentLength
                    guard buffer.count - (j + 1) >= length else { return nil }
                    if length > 0 { block.body = String(decoding: buffer[(j + 1)..<(j + 1 + length)], as: UTF8.self) }
                    buffer.removeFirst(j + 1 + length)
                    return block
                }
            }
            i += 1
        }
        return nil
    }

    /// `sendevent <NAME>` with headers (and a body): FreeSWITCH fires it, or queues it to the session named by
    /// its `Unique-ID`; the reply carries the new event's `Event-UUID`. `CUSTOM` needs `Event-Subclass`.
    private mutating func sendEvent(_ command: EventSocketCommandBlock) -> [Action] {
        let name = command.line.dropFirst("sendevent".count).trimmingCharacters(in: [" ", "\t"]).uppercased()
        let subclass = command.headers.first { $0.name.lowercased() == "event-subclass" }?.value
        let known = name == "CUSTOM" ? subclass?.isEmpty == false : knownEventNames?.contains(name) ?? !name.isEmpty
        guard known else { return [.send(Self.reply("-ERR invalid event"))] }
        let uuid = makeJobUUID()
        let headers = command.headers.filter { !["event-name", "content-length"].contains($0.name.lowercased()) }
        let event = EventSocketFiredEvent(name: name, eventUUID: uuid, headers: headers, body: command.body)
        return [.send(Self.reply("+OK \(uuid)")), .fireEvent(event)]
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
        case (.authenticated, "bgapi"):
            let job = makeJobUUID()
            return [
                .send("Content-Type: command/reply\nReply-Text: +OK Job-UUID: \(job)\nJob-UUID: \(job)\n\n"),
                .runBackgroundAPI(jobUUID: job, line: String(rest)),
            ]
        case (.authenticated, "event"):
            return subscribe(rest)
        case (.authenticated, "nixevent"):
            for word in rest.split(separator: " ") {
                subscription?.names.remove(word.uppercased())
                subscription?.subclasses.remove(String(word))
                if word.uppercased() == "ALL" { subscription?.all = false }
            }
            return [.send(Self.reply("+OK events nixed"))]
        case (.authenticated, "noevents"):
            guard subscription != nil else { return [.send(Self.reply("-ERR not listening for events"))] }
            subscription = nil
            return [.send(Self.reply("+OK no longer listening for events")), .stopEvents]
        case (.authenticated, _):
            return [.send(Self.reply("-ERR command not found"))]
        case (.closed, _):
            return []
        }
    }

    /// `event <plain|json> <names…>` (the format word may be left out: plain).
    private mutating func subscribe(_ arguments: Substring) -> [Action] {
        var words = arguments.split(separator: " ")
        var format = EventSocketSubscription.Format.plain
        if let first = words.first, let named = EventSocketSubscription.Format(rawValue: first.lowercased()) {
            format = named
            words.removeFirst()
        } else if let first = words.first, first.lowercased() == "xml" {
            return [.send(Self.reply("-ERR xml events are not supported; use plain or json"))]
        }
        var next = subscription ?? EventSocketSubscription(format: format)
        next.format = format
        guard next.add(words) else { return [.send(Self.reply("-ERR no keywords supplied"))] }
        let starting = subscription == nil
        subscription = next
        let reply = Action.send(Self.reply("+OK event listener enabled \(format.rawValue)"))
        return starting ? [reply, .startEvents] : [reply]
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

/// One command block as the client sent it.
struct EventSocketCommandBlock: Sendable {
    var line: String
    var headers: [EventSocketFiredEvent.Header]
    var body: String?

    init(_ block: String) {
        let lines = block.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: [" ", "\r", "\t"]) }
        line = lines.first ?? ""
        headers = lines.dropFirst().compactMap { text in
            guard let colon = text.firstIndex(of: ":") else { return nil }
            let value = text[text.index(after: colon)...].drop { $0 == " " }
            return EventSocketFiredEvent.Header(name: String(text[..<colon]), value: String(value))
        }
    }

    /// `Content-Length` of the block (0 when absent or not a number).
    var contentLength: Int {
        headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) }.map { max(0, $0) } ?? 0
    }
}

/// An event a client asked to fire with `sendevent` (compat §8): its name (`CUSTOM` with an `Event-Subclass`
/// header), the `Event-UUID` given in the reply, its headers as sent, and its body.
public struct EventSocketFiredEvent: Sendable, Hashable {
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    public var name: String
    public var eventUUID: String
    public var headers: [Header]
    public var body: String?

    /// The first header with this name, compared case-insensitively.
    public subscript(header: String) -> String? {
        headers.first { $0.name.lowercased() == header.lowercased() }?.value
    }
}
