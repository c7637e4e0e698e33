/// A dialplan application (`answer`, `playback`, `bridge` …): runs on a leg with its already-expanded data.
public typealias Application = @Sendable (_ session: any SessionContext, _ data: String) async throws -> Void

/// One application to run, as the dialplan hunt produces it. `data` is not yet expanded: that happens when
/// the application runs (compat §2.4 step 5).
public struct ApplicationInvocation: Sendable, Hashable {
    public var name: String
    public var data: String

    public init(_ name: String, _ data: String = "") {
        self.name = name
        self.data = data
    }
}

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
