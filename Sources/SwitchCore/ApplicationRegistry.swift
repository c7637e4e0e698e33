/// A dialplan application (`answer`, `playback`, `bridge` …): runs on a leg with its already-expanded data.
/// The data comes as an `Expansion`, not a bare string, so an application that stores it (`set`, `export`)
/// keeps the caller taint: store with `data.origin`, and caller text is never expanded again.
public typealias Application = @Sendable (_ session: any SessionContext, _ data: Expansion) async throws -> Void

/// Application name → implementation. Filled once at start-up by the modules, then shared read-only.
public struct ApplicationRegistry: Sendable {
    private var applications: [String: Application] = [:]

    public init() {}

    /// Registers `application` under `name`; a later registration of the same name replaces it.
    public mutating func register(_ name: String, _ application: @escaping Application) {
        applications[name] = application
    }

    public func application(named name: String) -> Application? {
        applications[name]
    }

    /// Registered names in ascending order (`show application`).
    public var names: [String] { applications.keys.sorted() }
}
