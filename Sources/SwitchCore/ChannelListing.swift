import Foundation

/// Formats `show channels` and `show calls` as FreeSWITCH prints them (compat §8.4): CSV with a header line,
/// one row per channel, a blank line and `N total.`; with no rows only the blank line and `0 total.`.
/// `as json` gives `{"row_count":N,"rows":[{…}]}` (`{"row_count":0}` when empty). Values are not quoted,
/// as in FreeSWITCH.
public struct ChannelListing: Sendable {
    public var hostname: String
    public var timeZone: TimeZone

    public init(hostname: String, timeZone: TimeZone = .current) {
        self.hostname = hostname
        self.timeZone = timeZone
    }

    public static let channelColumns = [
        "uuid", "direction", "created", "created_epoch", "name", "state", "cid_name", "cid_num", "ip_addr", "dest",
        "application", "application_data", "dialplan", "context", "read_codec", "read_rate", "read_bit_rate",
        "write_codec", "write_rate", "write_bit_rate", "secure", "hostname", "presence_id", "presence_data",
        "accountcode", "callstate", "callee_name", "callee_num", "callee_direction", "call_uuid", "sent_callee_name",
        "sent_callee_num", "initial_cid_name", "initial_cid_num", "initial_ip_addr", "initial_dest",
        "initial_dialplan", "initial_context",
    ]

    static let legColumns = [
        "uuid", "direction", "created", "created_epoch", "name", "state", "cid_name", "cid_num", "ip_addr", "dest",
        "presence_id", "presence_data", "accountcode", "callstate", "callee_name", "callee_num", "callee_direction",
    ]

    public static let callColumns =
        legColumns + ["call_uuid", "hostname", "sent_callee_name", "sent_callee_num"]
        + legColumns.map { "b_" + $0 } + ["b_sent_callee_name", "b_sent_callee_num", "call_created_epoch"]

    /// Rows in creation order (then uuid), as `show channels` lists them.
    public func channels(_ snapshots: [ChannelSnapshot]) -> String {
        csv(Self.channelColumns, ordered(snapshots).map(channelRow))
    }

    public func channelsJSON(_ snapshots: [ChannelSnapshot]) -> String {
        json(Self.channelColumns, ordered(snapshots).map(channelRow))
    }

    /// `show channels count` / `show calls count`.
    public static func count(_ rows: Int) -> String {
        "\n\(rows) total.\n"
    }

    /// `show calls`: one row per call. A bridged pair is one row (the A-leg, with the B-leg in `b_*`); a leg on
    /// its own is a row with empty `b_*` columns.
    public func calls(_ snapshots: [ChannelSnapshot]) -> String {
        csv(Self.callColumns, callRows(snapshots))
    }

    public func callRows(_ snapshots: [ChannelSnapshot]) -> [[String]] {
        let byUUID = Dictionary(snapshots.map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[String]] = []
        for leg in ordered(snapshots) {
            if callUUID(of: leg) != leg.uuid, byUUID[callUUID(of: leg)] != nil {
                continue  // the B-leg: listed on its A-leg's row
            }
            let partner = leg.bridgedTo.flatMap { byUUID[$0] }
            let aLeg = legValues(leg)
            let bLeg = partner.map(legValues) ?? Array(repeating: "", count: Self.legColumns.count)
            var row = aLeg + [callUUID(of: leg), hostname, "", ""] + bLeg + ["", ""]
            row.append(String(epoch(leg.createdAt)))
            rows.append(row)
        }
        return rows
    }

    func channelRow(_ leg: ChannelSnapshot) -> [String] {
        let variables = leg.variables
        return [
            leg.uuid, leg.direction.rawValue, timestamp(leg.createdAt), String(epoch(leg.createdAt)),
            leg.profile.channelName, leg.channelState.name, leg.profile.callerIDName, leg.profile.callerIDNumber,
            leg.profile.networkAddress, leg.profile.destinationNumber, leg.application ?? "",
            leg.applicationData ?? "", leg.profile.dialplan, leg.profile.context,
            variables["read_codec"] ?? "", variables["read_rate"] ?? "", variables["read_bit_rate"] ?? "",
            variables["write_codec"] ?? "", variables["write_rate"] ?? "", variables["write_bit_rate"] ?? "",
            variables["secure"] ?? "", hostname, variables["presence_id"] ?? "", variables["presence_data"] ?? "",
            variables["accountcode"] ?? "", leg.callState.name, variables["callee_id_name"] ?? "",
            variables["callee_id_number"] ?? "", "", callUUID(of: leg), "", "",
            leg.initialProfile.callerIDName, leg.initialProfile.callerIDNumber, leg.initialProfile.networkAddress,
            leg.initialProfile.destinationNumber, leg.initialProfile.dialplan, leg.initialProfile.context,
        ]
    }

    private func legValues(_ leg: ChannelSnapshot) -> [String] {
        let variables = leg.variables
        return [
            leg.uuid, leg.direction.rawValue, timestamp(leg.createdAt), String(epoch(leg.createdAt)),
            leg.profile.channelName, leg.channelState.name, leg.profile.callerIDName, leg.profile.callerIDNumber,
            leg.profile.networkAddress, leg.profile.destinationNumber, variables["presence_id"] ?? "",
            variables["presence_data"] ?? "", variables["accountcode"] ?? "", leg.callState.name,
            variables["callee_id_name"] ?? "", variables["callee_id_number"] ?? "", "",
        ]
    }

    /// The call a leg belongs to is named after its A-leg: the inbound leg, or for an outbound leg the leg it
    /// is bridged to.
    private func callUUID(of leg: ChannelSnapshot) -> String {
        leg.direction == .outbound ? (leg.bridgedTo ?? leg.uuid) : leg.uuid
    }

    private func ordered(_ snapshots: [ChannelSnapshot]) -> [ChannelSnapshot] {
        snapshots.sorted { ($0.createdAt, $0.uuid) < ($1.createdAt, $1.uuid) }
    }

    func csv(_ columns: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return Self.count(0) }
        var text = columns.joined(separator: ",") + "\n"
        for row in rows {
            text += row.joined(separator: ",") + "\n"
        }
        return text + Self.count(rows.count)
    }

    func json(_ columns: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "{\"row_count\":0}" }
        let objects = rows.map { row in
            "{" + zip(columns, row).map { "\(Self.jsonString($0)):\(Self.jsonString($1))" }.joined(separator: ",")
                + "}"
        }
        return "{\"row_count\":\(rows.count),\"rows\":[" + objects.joined(separator: ",") + "]}"
    }

    static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private func epoch(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// `YYYY-MM-DD hh:mm:ss` in `timeZone`, as the `created` column shows it.
    func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
