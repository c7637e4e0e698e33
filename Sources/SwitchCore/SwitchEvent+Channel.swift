import Foundation

extension SwitchEvent {
    /// An event about a leg with the headers FreeSWITCH puts on every channel event
    /// (`switch_channel_event_set_basic_data`): core and date headers, `Channel-*`, `Unique-ID`,
    /// `Call-Direction`, `Answer-State`, `Hangup-Cause` once known, `Channel-Presence-ID` / `-Data` when the
    /// channel has `presence_id` / `presence_data`, `Presence-Call-Direction`, then `Caller-*`. With `includeVariables`
    /// every channel variable follows as `variable_<name>` (as on CHANNEL_HANGUP_COMPLETE).
    public static func channel(
        _ name: EventName, snapshot: ChannelSnapshot, at date: Date, coreUUID: String, hostname: String,
        includeVariables: Bool = false, extraHeaders: [(name: String, value: String)] = []
    ) -> SwitchEvent {
        var event = SwitchEvent(name)
        event.addHeaders([
            ("Core-UUID", coreUUID),
            ("FreeSWITCH-Hostname", hostname),
            ("Event-Date-Timestamp", String(Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down)))),
            ("Channel-State", snapshot.channelState.name),
            ("Channel-Call-State", snapshot.callState.name),
            ("Channel-State-Number", String(snapshot.channelState.number)),
            ("Channel-Name", snapshot.profile.channelName),
            ("Unique-ID", snapshot.uuid),
            ("Call-Direction", snapshot.direction.rawValue),
            ("Answer-State", snapshot.answerState),
        ])
        if let cause = snapshot.hangupCause {
            event.addHeader("Hangup-Cause", cause.name)
        }
        if let presence = snapshot.variables["presence_id"] {
            event.addHeader("Channel-Presence-ID", presence)
        }
        if let data = snapshot.variables["presence_data"] {
            event.addHeader("Channel-Presence-Data", data)
        }
        event.addHeader("Presence-Call-Direction", snapshot.direction.rawValue)
        event.addHeaders(extraHeaders)
        event.addHeaders(snapshot.profile.eventHeaders)
        if includeVariables {
            for variable in snapshot.variables.names {
                event.addHeader("variable_" + variable, snapshot.variables[variable] ?? "")
            }
        }
        return event
    }
}
