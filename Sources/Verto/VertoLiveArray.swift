/// A liveArray (compat §1.10): an ordered keyed list mirrored into browsers over an event channel, e.g. a
/// conference's participant list. Each change returns the publication to send; the caller sends it.
///
/// Wire format — every publication is `{eventChannel, data:{action, name, wireSerno, …}}`:
///
/// | action    | extra `data` members                 | `wireSerno`      |
/// |-----------|--------------------------------------|------------------|
/// | `bootObj` | `data`: `[[hashKey, row], …]`        | -1 (private: carries `sessid`) |
/// | `add`     | `hashKey`, `arrIndex`, `data` (row)  | next             |
/// | `modify`  | `hashKey`, `data`                    | next             |
/// | `del`     | `hashKey`, `data` (old row)          | next             |
/// | `clear`   | `data: {}`                           | -1               |
///
/// `wireSerno` counts changes from 1; a client that sees a gap re-bootstraps, `-1` never triggers that check.
public struct VertoLiveArray: Sendable, Hashable {
    /// The event channel (`conference-liveArray.NAME@D`).
    public let channel: String
    /// The array's name (`laName`, the conference name without `@domain`).
    public let name: String
    /// Rows in order.
    public private(set) var rows: [(key: String, value: JSONValue)] = []
    /// The serial number of the last change.
    public private(set) var wireSerno = 0

    public init(channel: String, name: String) {
        self.channel = channel
        self.name = name
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.channel == rhs.channel && lhs.name == rhs.name && lhs.wireSerno == rhs.wireSerno
            && lhs.rows.elementsEqual(rhs.rows) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(channel)
        hasher.combine(name)
        hasher.combine(wireSerno)
    }

    /// The row for `key`.
    public subscript(key: String) -> JSONValue? {
        rows.first { $0.key == key }?.value
    }

    /// Adds a row at the end, or replaces the row with the same key: `add` (with `arrIndex`) or `modify`.
    /// A row object's `contentVisibility` is copied to the publication's top level.
    public mutating func put(_ key: String, _ value: JSONValue) -> VertoPublication {
        wireSerno += 1
        var data: [String: JSONValue] = ["hashKey": .string(key), "data": value]
        if let index = rows.firstIndex(where: { $0.key == key }) {
            rows[index].value = value
            data["action"] = "modify"
        } else {
            data["action"] = "add"
            data["arrIndex"] = .number(Double(rows.count))
            rows.append((key, value))
        }
        var publication = publication(data)
        if let visibility = value["contentVisibility"] { publication.members["contentVisibility"] = visibility }
        return publication
    }

    /// Removes a row: `del` with the old row, or nil (and no serial number used) for an unknown key.
    public mutating func remove(_ key: String) -> VertoPublication? {
        guard let index = rows.firstIndex(where: { $0.key == key }) else { return nil }
        let old = rows.remove(at: index)
        wireSerno += 1
        return publication(["action": "del", "hashKey": .string(key), "data": old.value])
    }

    /// Empties the array: `clear` with `wireSerno` -1.
    public mutating func clear() -> VertoPublication {
        rows.removeAll()
        return publication(["action": "clear", "data": .object([:])], wireSerno: -1)
    }

    /// The full snapshot for one connection (`bootObj`, private to `sessid`).
    public func bootObj(for sessid: String) -> VertoPublication {
        let pairs = JSONValue.array(rows.map { .array([.string($0.key), $0.value]) })
        var publication = publication(["action": "bootObj", "data": pairs], wireSerno: -1)
        publication.members["sessid"] = .string(sessid)
        return publication
    }

    private func publication(_ data: [String: JSONValue], wireSerno serno: Int? = nil) -> VertoPublication {
        var data = data
        data["name"] = .string(name)
        data["wireSerno"] = .number(Double(serno ?? wireSerno))
        return VertoPublication(eventChannel: channel, data: .object(data))
    }
}

/// A liveArray request from a client, sent as `verto.broadcast` to the liveArray channel with
/// `data:{liveArray:{command, context, name, obj}}` (§1.10).
public struct LiveArrayCommand: Sendable, Hashable {
    /// "bootstrap"; also "changepage", "heartbeat" (accepted and ignored by mod_conference).
    public var command: String
    public var context: String?
    public var name: String?
    public var obj: JSONValue?

    /// Reads the command from a broadcast's `data`; nil if it is not a liveArray command.
    public init?(broadcastData: JSONValue) {
        guard let la = broadcastData["liveArray"], let command = la["command"]?.stringValue else { return nil }
        self.command = command
        self.context = la["context"]?.stringValue
        self.name = la["name"]?.stringValue
        self.obj = la["obj"]
    }
}
