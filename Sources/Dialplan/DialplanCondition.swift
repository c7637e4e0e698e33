/// `<condition>`: a test (field/expression, `regex="all|any|xor"` children, or nothing), optional time
/// attributes, actions, anti-actions and nested conditions (compat §2.1, §2.4).
public struct DialplanCondition: Sendable {
    /// What the condition tests besides time.
    public enum Test: Sendable {
        /// Neither `field` nor `regex` children: true (unless time attributes say otherwise).
        case absolute
        /// `field="F" expression="R"`.
        case field(name: String, expression: DialplanExpression)
        /// `regex="all|any|xor"` with `<regex field= expression=>` children.
        case regexSet(mode: DialplanRegexMode, regexes: [DialplanRegexTest])
    }

    public var test: Test
    /// Time attributes (`wday`, `hour`, `time-of-day`, …); `nil` when there are none.
    public var time: DialplanTimeMatch?
    public var breakRule: DialplanBreakRule
    public var actions: [DialplanAction]
    public var antiActions: [DialplanAction]
    public var nested: [DialplanCondition]
    /// `require-nested` (default true): a failing nested block makes this level fail.
    public var requireNested: Bool
    public var line: Int

    public init(
        test: Test = .absolute, time: DialplanTimeMatch? = nil, breakRule: DialplanBreakRule = .onFalse,
        actions: [DialplanAction] = [], antiActions: [DialplanAction] = [], nested: [DialplanCondition] = [],
        requireNested: Bool = true, line: Int = 0
    ) {
        self.test = test
        self.time = time
        self.breakRule = breakRule
        self.actions = actions
        self.antiActions = antiActions
        self.nested = nested
        self.requireNested = requireNested
        self.line = line
    }
}

/// `break="on-false|on-true|always|never"` (default `on-false`).
public enum DialplanBreakRule: String, Sendable, CaseIterable {
    case onFalse = "on-false"
    case onTrue = "on-true"
    case always
    case never
}

/// `regex="all|any|xor"` on a condition.
public enum DialplanRegexMode: String, Sendable, CaseIterable {
    /// Every `<regex>` must pass (AND); evaluation stops at the first failure.
    case all
    /// At least one passes (OR); evaluation stops at the first pass.
    case any
    /// Exactly one passes.
    case xor
}

/// A `<regex field="F" expression="R" [time attributes]>` child of a `regex=` condition.
public struct DialplanRegexTest: Sendable {
    /// `nil` when the child only carries time attributes (or nothing: always passes).
    public var field: String?
    public var expression: DialplanExpression
    public var time: DialplanTimeMatch?
    public var line: Int

    public init(field: String?, expression: DialplanExpression, time: DialplanTimeMatch? = nil, line: Int = 0) {
        self.field = field
        self.expression = expression
        self.time = time
        self.line = line
    }
}

/// `<action>` / `<anti-action>`: `application`, raw `data` (attribute or element text), `inline`, `loop`.
public struct DialplanAction: Sendable, Equatable {
    public var application: String
    /// The data as written in the plan (after load-time `$${…}` substitution, before `$N` captures).
    public var data: String
    /// `inline="true"`: executed while hunting (routing-safe applications only).
    public var isInline: Bool
    /// `loop="N"`: queued N times.
    public var loop: Int

    public init(application: String, data: String = "", isInline: Bool = false, loop: Int = 1) {
        self.application = application
        self.data = data
        self.isInline = isInline
        self.loop = loop
    }
}
