/// The outcome of hunting: the queued applications in execution order, or no route.
public struct DialplanResult: Sendable, Equatable {
    /// Extensions whose conditions matched, in document order (several with `continue="true"`).
    public var matchedExtensions: [String]
    /// The execution list (compat §2.4 step 6). `loop="N"` actions appear N times.
    public var actions: [DialplanQueuedAction]
    /// `inline="true"` actions that ran during hunting, in order, with data fully expanded.
    public var inlineActions: [DialplanInlineAction]
    /// `inline="true"` actions that are not routing-safe and were skipped ("cannot be executed inline").
    public var skippedInlineActions: [DialplanInlineAction]
    /// Channel variables after the inline actions (`set`, `unset`, `export`, …) ran.
    public var variables: [String: String]
    /// Variables exported by inline `export`/`bridge_export`, for legs this channel later originates.
    public var exportedVariables: [String: String]

    public init(
        matchedExtensions: [String] = [], actions: [DialplanQueuedAction] = [],
        inlineActions: [DialplanInlineAction] = [], skippedInlineActions: [DialplanInlineAction] = [],
        variables: [String: String] = [:], exportedVariables: [String: String] = [:]
    ) {
        self.matchedExtensions = matchedExtensions
        self.actions = actions
        self.inlineActions = inlineActions
        self.skippedInlineActions = skippedInlineActions
        self.variables = variables
        self.exportedVariables = exportedVariables
    }

    /// No application was queued: the caller hangs up with NO_ROUTE_DESTINATION (Q.850 3, SIP 404) — compat §2.5.
    public var isNoRoute: Bool { actions.isEmpty }
}

/// An application queued for execution. `data` keeps `${var}` references for the session to expand at
/// execution time; captured caller text is held apart so that expansion never re-reads it.
public struct DialplanQueuedAction: Sendable, Equatable {
    public var extensionName: String
    public var application: String
    public var data: DialplanActionData

    public init(extensionName: String, application: String, data: DialplanActionData) {
        self.extensionName = extensionName
        self.application = application
        self.data = data
    }
}

/// Action data after `$N` substitution: template text (may hold `${var}`) and literal captured text.
public struct DialplanActionData: Sendable, Equatable, CustomStringConvertible {
    public enum Segment: Sendable, Equatable {
        /// Plan text; `${var}` inside is expanded by the session when the application runs.
        case template(String)
        /// Text captured from the caller by `$N`; inserted literally, never expanded.
        case literal(String)
    }

    public var segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Plain template text with no captures.
    public init(template: String) {
        self.segments = template.isEmpty ? [] : [.template(template)]
    }

    /// The data as the dialplan produced it (captures substituted, `${var}` still in place).
    public var text: String {
        segments.map { segment in
            switch segment {
            case .template(let text), .literal(let text): text
            }
        }.joined()
    }

    public var description: String { text }

    /// The execution-time form: `${var}` expanded in template segments only, literals copied as-is.
    public func expanded(lookup: (String) -> String?) -> String {
        segments.map { segment in
            switch segment {
            case .template(let text): DialplanVariableExpander.expand(text, lookup: lookup)
            case .literal(let text): text
            }
        }.joined()
    }
}

/// An inline action as run (or skipped) during hunting.
public struct DialplanInlineAction: Sendable, Equatable {
    public var extensionName: String
    public var application: String
    /// Fully expanded data (captures and `${var}`, in one pass).
    public var data: String

    public init(extensionName: String, application: String, data: String) {
        self.extensionName = extensionName
        self.application = application
        self.data = data
    }
}
