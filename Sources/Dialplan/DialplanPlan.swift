/// A compiled XML dialplan (mod_dialplan_xml): contexts → ordered extensions → conditions → actions.
///
/// The plan is an immutable `Sendable` value; a reload builds a new plan with ``DialplanLoader`` and the
/// caller swaps it in atomically. Hunting is ``hunt(context:channel:now:)`` (see `DialplanPlan+Hunting.swift`).
public struct DialplanPlan: Sendable {
    /// Contexts by name.
    public var contexts: [String: DialplanContext]

    public init(contexts: [String: DialplanContext] = [:]) {
        self.contexts = contexts
    }

    /// Context names in alphabetical order (for listings).
    public var contextNames: [String] { contexts.keys.sorted() }
}

/// `<context name="…">`: extensions tried in document order.
public struct DialplanContext: Sendable {
    public var name: String
    public var extensions: [DialplanExtension]

    public init(name: String, extensions: [DialplanExtension] = []) {
        self.name = name
        self.extensions = extensions
    }
}

/// `<extension name="…" [continue="true"]>`.
public struct DialplanExtension: Sendable {
    public var name: String
    /// `continue="true"`: after this extension matches, hunting goes on and appends further actions.
    public var continues: Bool
    public var conditions: [DialplanCondition]
    /// Where the extension was defined (`file:line`).
    public var source: String

    public init(name: String, continues: Bool = false, conditions: [DialplanCondition] = [], source: String = "") {
        self.name = name
        self.continues = continues
        self.conditions = conditions
        self.source = source
    }
}
