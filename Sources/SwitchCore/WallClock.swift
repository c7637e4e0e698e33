import Foundation

/// Where a session reads the time of day for CDR timestamps and events. Injected, so tests set the time.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Date { Date() }
}
