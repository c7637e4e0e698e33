import Synchronization

/// The process-wide variables (`$${…}`, `set_global`, `global_getvar`). Shared by all sessions.
public final class GlobalVariables: Sendable {
    private let storage: Mutex<ChannelVariables>

    public init(_ initial: [String: String] = [:]) {
        storage = Mutex(ChannelVariables(system: initial))
    }

    public subscript(name: String) -> String? {
        storage.withLock { $0[name] }
    }

    public func set(_ name: String, _ value: String?, origin: VariableOrigin = .system) {
        storage.withLock { $0.set(name, value, origin: origin) }
    }

    /// A copy to expand against, so expansion never runs under the lock.
    public func snapshot() -> ChannelVariables {
        storage.withLock { $0 }
    }
}
