/// The mutable state of one hunt: the channel as inline actions change it, and the growing result.
/// Mirrors `parse_exten` in mod_dialplan_xml.c.
struct DialplanHunt {
    var input: DialplanInput
    var result = DialplanResult()
    /// Read on the first time condition only: most hunts have none, and breaking a date down is not free.
    private let clock: () -> DialplanTime
    private var readTime: DialplanTime?

    init(input: DialplanInput, clock: @escaping () -> DialplanTime) {
        self.input = input
        self.clock = clock
    }

    /// The hunt's time, the same for every condition of the hunt.
    private mutating func now() -> DialplanTime {
        if let readTime { return readTime }
        let time = clock()
        readTime = time
        return time
    }

    /// Evaluates one level of conditions; returns whether the level "proceeds" (the extension matches).
    mutating func evaluate(_ conditions: [DialplanCondition], extension name: String, requireNested: Bool) -> Bool {
        var proceed = false
        for condition in conditions {
            let outcome = test(condition)
            if let captures = outcome {
                proceed = true
                queue(condition.actions, captures: condition.substitutesCaptures ? captures : nil, extension: name)
            } else {
                proceed = !condition.antiActions.isEmpty
                queue(condition.antiActions, captures: nil, extension: name)
            }
            let passed = outcome != nil
            switch (condition.breakRule, passed) {
            case (.always, _), (.onTrue, true), (.onFalse, false):
                return proceed || !requireNested
            case (.onTrue, false), (.onFalse, true), (.never, _):
                break
            }
            if proceed, !condition.nested.isEmpty {
                proceed = evaluate(condition.nested, extension: name, requireNested: condition.requireNested)
                if !proceed, condition.breakRule != .never {
                    return !requireNested
                }
            }
        }
        return proceed || !requireNested
    }

    // MARK: Tests

    /// `nil` when the condition is false; otherwise the captures (`$0…$N`, empty when none).
    mutating func test(_ condition: DialplanCondition) -> [String]? {
        if let time = condition.time, !time.matches(now()) { return nil }
        switch condition.test {
        case .absolute:
            return []
        case .field(let field, let expression):
            return expression.captures(in: value(ofField: field), lookup: variable)
        case .regexSet(let mode, let regexes):
            return test(regexes, mode: mode)
        }
    }

    /// `regex="all|any|xor"`: all stops at the first failure, any at the first pass, xor checks every child.
    /// Captures come from the last passing child whose expression captures (FreeSWITCH issue #3141 fixed).
    private mutating func test(_ regexes: [DialplanRegexTest], mode: DialplanRegexMode) -> [String]? {
        var passes = 0
        var failures = 0
        var captures: [String] = []
        for regex in regexes {
            var hit: [String]? = []
            if let time = regex.time, !time.matches(now()) {
                hit = nil
            } else if let field = regex.field {
                hit = regex.expression.captures(in: value(ofField: field), lookup: variable)
            }
            if let hit {
                passes += 1
                if regex.field != nil, regex.expression.substitutesCaptures { captures = hit }
                if mode == .any { break }
            } else {
                failures += 1
                if mode == .all { break }
            }
        }
        let passed: Bool =
            switch mode {
            case .all: failures == 0
            case .any: passes > 0
            case .xor: passes == 1
            }
        return passed ? captures : nil
    }

    /// A caller-profile field, or — when the name contains `$` — the name with `${var}` expanded once.
    /// Unknown fields match against "".
    func value(ofField field: String) -> String {
        if field.contains("$") {
            return DialplanVariableExpander.expand(field, lookup: variable)
        }
        return input.field(named: field) ?? ""
    }

    /// `${name}`: a channel variable, else a caller-profile field of that name.
    func variable(_ name: String) -> String? {
        input.variables[name] ?? input.field(named: name)
    }
}

extension DialplanCondition {
    /// FreeSWITCH substitutes captures only for a `field` test whose expression contains `(`, or for a
    /// `regex=` set where a capturing child matched.
    var substitutesCaptures: Bool {
        switch test {
        case .absolute: false
        case .field(_, let expression): expression.substitutesCaptures
        case .regexSet(_, let regexes): regexes.contains { $0.field != nil && $0.expression.substitutesCaptures }
        }
    }
}
