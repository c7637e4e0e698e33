/// An event as the event socket sends it, already serialised by the core in both formats.
public struct EventSocketEvent: Sendable, Equatable {
    /// `Event-Name` (e.g. `CHANNEL_ANSWER`, `CUSTOM`).
    public var name: String
    /// `Event-Subclass` of a `CUSTOM` event.
    public var subclass: String?
    /// `text/event-plain` body.
    public var plain: String
    /// `text/event-json` body.
    public var json: String

    public init(name: String, subclass: String? = nil, plain: String, json: String) {
        self.name = name
        self.subclass = subclass
        self.plain = plain
        self.json = json
    }
}

/// What an `event` command asked for (compat §8.3): a format and event names (`ALL`, names, `CUSTOM` + subclasses).
public struct EventSocketSubscription: Sendable, Equatable {
    public enum Format: String, Sendable {
        case plain
        case json
    }

    public var format: Format
    public var all = false
    public var names: Set<String> = []
    public var subclasses: Set<String> = []

    public init(format: Format) {
        self.format = format
    }

    func wants(_ event: EventSocketEvent) -> Bool {
        if all || names.contains(event.name) { return true }
        if event.name == "CUSTOM", let subclass = event.subclass { return subclasses.contains(subclass) }
        return false
    }

    /// Adds the keywords of an `event` command; false when none was a usable keyword.
    mutating func add(_ words: [Substring]) -> Bool {
        var added = false
        var inCustom = false
        for word in words {
            let upper = word.uppercased()
            if inCustom {
                subclasses.insert(String(word))
                added = true
            } else if upper == "ALL" {
                all = true
                added = true
            } else if upper == "CUSTOM" {
                inCustom = true
                names.insert("CUSTOM")
                added = true
            } else if upper.allSatisfy({ $0.isLetter || $0 == "_" }) {
                names.insert(upper)
                added = true
            }
        }
        return added
    }

    /// The frame for `event`, or nil when it is not subscribed.
    func frame(_ event: EventSocketEvent) -> String? {
        guard wants(event) else { return nil }
        let body = format == .plain ? event.plain : event.json
        let type = format == .plain ? "text/event-plain" : "text/event-json"
        return "Content-Length: \(body.utf8.count)\nContent-Type: \(type)\n\n\(body)"
    }
}
