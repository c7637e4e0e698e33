import SwitchCore
import Verto

/// Presence for Verto clients (compat §1.10): every CHANNEL_CALLSTATE of a channel that has a presence id
/// (`presence_id`, e.g. `1000@pbx.example`) is published on `presence.<id>`, with the keys mod_verto sends in
/// `data`. The live channels' last states are kept so that subscribing to `presence.<id>` (or `presence`)
/// can be answered with a refresh of the calls in progress; a channel is forgotten once it hung up.
public struct VertoPresence: Sendable {
    private struct Row: Sendable {
        var presenceID: String
        var data: JSONValue
    }

    /// The live channels' last presence rows by UUID, with their order of arrival.
    private var rows: [String: Row] = [:]
    private var order: [String] = []

    public init() {}

    /// The channel-state header names FreeSWITCH copies into presence `data`, and their keys there.
    private static let fields: [(header: String, key: String)] = [
        ("Channel-Call-State", "channelCallState"),
        ("Original-Channel-Call-State", "originalChannelCallState"),
        ("Channel-State", "channelState"),
        ("Caller-Username", "callerUserName"),
        ("Caller-Caller-ID-Name", "callerIDName"),
        ("Caller-Caller-ID-Number", "callerIDNumber"),
        ("Caller-Callee-ID-Name", "calleeIDName"),
        ("Caller-Callee-ID-Number", "calleeIDNumber"),
        ("Unique-ID", "channelUUID"),
        ("Presence-Call-Direction", "presenceCallDirection"),
        ("Channel-Presence-ID", "channelPresenceID"),
        ("Channel-Presence-Data", "channelPresenceData"),
    ]

    /// The publication for a channel event, if it is a call-state change of a channel with a presence id.
    public mutating func publication(for event: SwitchEvent) -> VertoPublication? {
        guard event.name == .channelCallState, let presenceID = event["Channel-Presence-ID"], !presenceID.isEmpty,
            let uuid = event["Unique-ID"]
        else { return nil }
        var data: [String: JSONValue] = [:]
        for field in Self.fields { data[field.key] = .string(event[field.header] ?? "") }
        if data["calleeIDNumber"] == .string("") {
            data["calleeIDNumber"] = .string(event["Caller-Destination-Number"] ?? "")
        }
        for header in event.headers where header.name.hasPrefix("PD-") { data[header.name] = .string(header.value) }
        let row = Row(presenceID: presenceID, data: .object(data))
        if event["Channel-Call-State"] == CallState.hangup.name {
            rows[uuid] = nil
            order.removeAll { $0 == uuid }
        } else {
            if rows[uuid] == nil { order.append(uuid) }
            rows[uuid] = row
        }
        return VertoPublication(eventChannel: Self.channel(for: presenceID), data: row.data)
    }

    /// A subscriber of `channel` (`presence.<id>` or `presence`) asked for a refresh: the live channels it covers,
    /// addressed to that connection only (`sessid`). Nothing when no call is in progress.
    public func refresh(_ channel: String, sessid: String) -> [VertoPublication] {
        guard channel == "presence" || channel.hasPrefix("presence.") else { return [] }
        return order.compactMap { rows[$0] }
            .filter { channel == "presence" || Self.channel(for: $0.presenceID) == channel }
            .map { VertoPublication(
                eventChannel: Self.channel(for: $0.presenceID),
                members: ["data": $0.data, "sessid": .string(sessid)]) }
    }

    /// Channels in progress that have a presence id.
    public var liveChannelCount: Int { rows.count }

    public static func channel(for presenceID: String) -> String { "presence." + presenceID }
}
