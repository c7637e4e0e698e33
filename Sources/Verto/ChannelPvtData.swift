/// The private notification a conference sends a Verto member's connection on join and part (compat §1.10):
/// `{eventChannel:<sessid>, eventType:"channelPvtData", pvtData:{…}}`. The JS client treats it as a "pvtEvent"
/// and subscribes to the channels it names.
public struct ChannelPvtData: Sendable, Hashable {
    /// "conference-liveArray-join" or "conference-liveArray-part".
    public enum Action: String, Sendable, Hashable {
        case join = "conference-liveArray-join"
        case part = "conference-liveArray-part"
    }

    public var callID: String
    public var action: Action
    /// `conference-liveArray.NAME@D`.
    public var laChannel: String
    /// Conference name without `@domain`.
    public var laName: String
    /// "moderator" or "participant".
    public var role: String
    /// The chat id; the initializer uses `conf+NAME@D` (mod_conference's `chat_id`, recalled from the source and
    /// not in the reference: unverified).
    public var chatID: String
    /// The member id as a string.
    public var conferenceMemberID: String
    public var canvasCount: Int
    public var secondScreen: Bool?
    /// `conference-mod.NAME@D`, for moderators only.
    public var modChannel: String?
    public var chatChannel: String
    public var infoChannel: String
    /// Global variables `conference_verto_<x>`, added as member `x`.
    public var extra: [String: JSONValue] = [:]

    public init(
        callID: String, action: Action, conferenceName: String, domain: String, moderator: Bool,
        memberID: Int, canvasCount: Int = 1
    ) {
        let full = conferenceName.contains("@") ? conferenceName : "\(conferenceName)@\(domain)"
        self.callID = callID
        self.action = action
        self.laChannel = "conference-liveArray.\(full)"
        self.laName = String(full.prefix { $0 != "@" })
        self.role = moderator ? "moderator" : "participant"
        self.chatID = "conf+\(full)"
        self.conferenceMemberID = String(memberID)
        self.canvasCount = canvasCount
        self.modChannel = moderator ? "conference-mod.\(full)" : nil
        self.chatChannel = "conference-chat.\(full)"
        self.infoChannel = "conference-info.\(full)"
    }

    /// The channels the member's connection is granted on join (the moderator channel only for moderators).
    public var channels: [String] { [laChannel, chatChannel, infoChannel] + (modChannel.map { [$0] } ?? []) }

    /// The publication, private to the member's connection.
    public func publication(toSessid sessid: String) -> VertoPublication {
        var data = extra
        data["callID"] = .string(callID)
        data["action"] = .string(action.rawValue)
        data["laChannel"] = .string(laChannel)
        data["laName"] = .string(laName)
        data["role"] = .string(role)
        data["chatID"] = .string(chatID)
        data["conferenceMemberID"] = .string(conferenceMemberID)
        data["canvasCount"] = .number(Double(canvasCount))
        if let secondScreen { data["secondScreen"] = .bool(secondScreen) }
        if let modChannel { data["modChannel"] = .string(modChannel) }
        data["chatChannel"] = .string(chatChannel)
        data["infoChannel"] = .string(infoChannel)
        return VertoPublication(
            eventChannel: sessid, members: ["eventType": "channelPvtData", "pvtData": .object(data)])
    }
}
