/// What every session shares: where its events go, its clock, the globals, and who to tell when it is gone.
public struct SessionEnvironment: Sendable {
    public var eventBus: EventBus
    public var clock: any WallClock
    public var globals: GlobalVariables
    public var coreUUID: String
    public var hostname: String
    /// Called once, after CHANNEL_DESTROY, with the leg's uuid (the `SessionRegistry` forgets it here).
    public var onDestroy: @Sendable (String) async -> Void
    /// Called once per leg, after CHANNEL_HANGUP_COMPLETE, with its call detail record (the server stores it).
    public var onCallDetailRecord: @Sendable (CDRRecord) async -> Void

    public init(
        eventBus: EventBus, clock: any WallClock = SystemWallClock(), globals: GlobalVariables = GlobalVariables(),
        coreUUID: String, hostname: String, onDestroy: @escaping @Sendable (String) async -> Void = { _ in },
        onCallDetailRecord: @escaping @Sendable (CDRRecord) async -> Void = { _ in }
    ) {
        self.eventBus = eventBus
        self.clock = clock
        self.globals = globals
        self.coreUUID = coreUUID
        self.hostname = hostname
        self.onDestroy = onDestroy
        self.onCallDetailRecord = onCallDetailRecord
    }
}
