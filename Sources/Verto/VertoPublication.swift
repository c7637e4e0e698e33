/// An object published on an event channel (compat §1.10): always `eventChannel`, usually `data`, sometimes
/// `sessid` (which makes it private to that connection) or `contentVisibility`.
public struct VertoPublication: Sendable, Hashable {
    public var eventChannel: String
    /// Every member besides `eventChannel` (`data`, `sessid`, `userid`, `fromDisplay` …).
    public var members: [String: JSONValue]

    public init(eventChannel: String, members: [String: JSONValue] = [:]) {
        self.eventChannel = eventChannel
        self.members = members
    }

    /// A publication whose payload is `data`.
    public init(eventChannel: String, data: JSONValue) {
        self.init(eventChannel: eventChannel, members: ["data": data])
    }

    /// The connection this publication is private to, if it carries `sessid`.
    public var privateSessid: String? { members["sessid"]?.stringValue }

    public var json: JSONValue {
        var object = members
        object["eventChannel"] = .string(eventChannel)
        return .object(object)
    }

    /// `verto.event` params for one subscriber: the object plus `eventSerno` and `subscribedChannel`.
    public func eventParams(eventSerno: Int, subscribedChannel: String) -> JSONValue {
        var object = members
        object["eventChannel"] = .string(eventChannel)
        object["eventSerno"] = .number(Double(eventSerno))
        object["subscribedChannel"] = .string(subscribedChannel)
        return .object(object)
    }

    /// Reads a `verto.event` params object or a broadcast object; nil without a string `eventChannel`.
    public init?(json: JSONValue) {
        guard var object = json.objectValue, let channel = object["eventChannel"]?.stringValue else { return nil }
        object["eventChannel"] = nil
        self.init(eventChannel: channel, members: object)
    }
}

/// Channel naming (§1.10): publishing to `a.b` reaches subscribers of `a.b` and of `a`.
public enum EventChannelName {
    /// The channels whose subscribers receive a publication on `channel`: itself, then its part before the
    /// first dot if there is one.
    public static func deliveryTargets(of channel: String) -> [String] {
        guard let dot = channel.firstIndex(of: "."), dot != channel.startIndex else { return [channel] }
        return [channel, String(channel[..<dot])]
    }

    /// The part before the first dot (what `jsonrpc-allowed-event-channels` entries match), or the whole name.
    public static func prefix(of channel: String) -> String {
        channel.firstIndex(of: ".").map { String(channel[..<$0]) } ?? channel
    }
}
