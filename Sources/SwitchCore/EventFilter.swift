/// Which events a subscriber wants, as `event plain CHANNEL_ANSWER CUSTOM conference::maintenance` says it.
public struct EventFilter: Sendable, Hashable {
    public var all: Bool
    public var names: Set<EventName>
    /// `CUSTOM` subclasses wanted. With `all`, every subclass is delivered.
    public var customSubclasses: Set<String>

    public init(all: Bool = false, names: Set<EventName> = [], customSubclasses: Set<String> = []) {
        self.all = all
        self.names = names
        self.customSubclasses = customSubclasses
    }

    public static let everything = EventFilter(all: true)

    public func matches(_ event: SwitchEvent) -> Bool {
        matches(event.name)
    }

    public func matches(_ name: EventName) -> Bool {
        if all { return true }
        if case .custom(let subclass) = name {
            return customSubclasses.contains(subclass)
        }
        return names.contains(name)
    }
}
