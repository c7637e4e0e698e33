/// Which events a subscriber wants, as `event plain CHANNEL_ANSWER CUSTOM conference::maintenance` says it.
public struct EventFilter: Sendable, Hashable {
    public var all: Bool
    public var names: Set<EventName>
    /// `CUSTOM` subclasses wanted. With `all`, every subclass is delivered.
    public var customSubclasses: Set<String>
    /// Only events carrying `Channel-Presence-ID` (a channel with `presence_id`): what a presence feed needs.
    /// Publishers ask first (`EventBus.wants(_:presence:)`), so a call without one costs no event at all.
    public var presenceOnly: Bool

    public init(
        all: Bool = false, names: Set<EventName> = [], customSubclasses: Set<String> = [], presenceOnly: Bool = false
    ) {
        self.all = all
        self.names = names
        self.customSubclasses = customSubclasses
        self.presenceOnly = presenceOnly
    }

    public static let everything = EventFilter(all: true)

    public func matches(_ event: SwitchEvent) -> Bool {
        matches(event.name, presence: !presenceOnly || event["Channel-Presence-ID"] != nil)
    }

    /// Whether an event called `name` is wanted; `presence` says whether it would carry `Channel-Presence-ID`.
    public func matches(_ name: EventName, presence: Bool = true) -> Bool {
        if presenceOnly && !presence { return false }
        if all { return true }
        if case .custom(let subclass) = name {
            return customSubclasses.contains(subclass)
        }
        return names.contains(name)
    }
}
