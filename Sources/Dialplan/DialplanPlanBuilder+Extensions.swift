/// Compiles `<extension>`, `<condition>`, `<regex>` and `<action>` elements.
extension DialplanPlanBuilder {
    func buildExtension(_ element: DialplanXMLElement, file: String) throws(DialplanLoadError) -> DialplanExtension {
        var conditions: [DialplanCondition] = []
        for child in element.children where child.name == "condition" {
            conditions.append(try buildCondition(child, file: file))
        }
        return DialplanExtension(
            name: substitute(element.attributes["name"] ?? "UNKNOWN"),
            continues: Self.isTrue(element.attributes["continue"]),
            conditions: conditions,
            source: "\(file):\(element.line)")
    }

    private func attributes(of element: DialplanXMLElement) -> [String: String] {
        element.attributes.mapValues(substitute)
    }

    func buildCondition(_ element: DialplanXMLElement, file: String) throws(DialplanLoadError) -> DialplanCondition {
        let attrs = attributes(of: element)
        var condition = DialplanCondition(line: element.line)
        if let rule = attrs["break"] {
            guard let parsed = DialplanBreakRule(rawValue: rule.lowercased()) else {
                throw DialplanLoadError(
                    kind: .unknownBreak, file: file, line: element.line,
                    message: "unknown break value \"\(rule)\" (expected on-false, on-true, always or never)")
            }
            condition.breakRule = parsed
        }
        condition.requireNested = attrs["require-nested"].map { Self.isTrue($0) } ?? true
        condition.time = try timeMatch(attrs, file: file, line: element.line)
        condition.test = try buildTest(element, attrs: attrs, file: file)
        for child in element.children {
            switch child.name {
            case "action": condition.actions.append(buildAction(child))
            case "anti-action": condition.antiActions.append(buildAction(child))
            case "condition": condition.nested.append(try buildCondition(child, file: file))
            default: continue
            }
        }
        return condition
    }

    private func buildTest(
        _ element: DialplanXMLElement, attrs: [String: String], file: String
    ) throws(DialplanLoadError) -> DialplanCondition.Test {
        if let mode = attrs["regex"] {
            guard let parsed = DialplanRegexMode(rawValue: mode.lowercased()) else {
                throw DialplanLoadError(
                    kind: .unknownRegexMode, file: file, line: element.line,
                    message: "unknown regex value \"\(mode)\" (expected all, any or xor)")
            }
            var regexes: [DialplanRegexTest] = []
            for child in element.children where child.name == "regex" {
                let childAttrs = attributes(of: child)
                regexes.append(
                    DialplanRegexTest(
                        field: childAttrs["field"],
                        expression: try compile(expressionText(child, attrs: childAttrs), file: file, line: child.line),
                        time: try timeMatch(childAttrs, file: file, line: child.line),
                        line: child.line))
            }
            return .regexSet(mode: parsed, regexes: regexes)
        }
        guard let field = attrs["field"] else { return .absolute }
        let expression = try compile(expressionText(element, attrs: attrs), file: file, line: element.line)
        return .field(name: field, expression: expression)
    }

    /// `expression="…"` or a child `<expression>` element (handy for CDATA).
    private func expressionText(_ element: DialplanXMLElement, attrs: [String: String]) -> String {
        if let child = element.children.first(where: { $0.name == "expression" }) {
            return substitute(child.text)
        }
        return attrs["expression"] ?? ""
    }

    private func compile(_ pattern: String, file: String, line: Int) throws(DialplanLoadError) -> DialplanExpression {
        do {
            return try DialplanExpression(pattern: pattern)
        } catch {
            throw DialplanLoadError(
                kind: .invalidRegex, file: file, line: line, message: "invalid regular expression \"\(pattern)\"")
        }
    }

    private func timeMatch(
        _ attrs: [String: String], file: String, line: Int
    ) throws(DialplanLoadError) -> DialplanTimeMatch? {
        do {
            return try DialplanTimeMatch.parse(attributes: attrs)
        } catch {
            throw DialplanLoadError(kind: .invalidTimeCondition, file: file, line: line, message: error.message)
        }
    }

    private func buildAction(_ element: DialplanXMLElement) -> DialplanAction {
        let attrs = attributes(of: element)
        let body = substitute(element.text).trimmingCharacters(in: .whitespacesAndNewlines)
        return DialplanAction(
            application: attrs["application"] ?? "",
            data: body.isEmpty ? (attrs["data"] ?? "") : body,
            isInline: Self.isTrue(attrs["inline"]),
            loop: max(Int(attrs["loop"] ?? "") ?? 1, 0))
    }

    /// `switch_true`: yes, on, true, t, enabled, active, allow, or a non-zero number.
    static func isTrue(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        if ["yes", "on", "true", "t", "enabled", "active", "allow"].contains(value) { return true }
        return (Int(value) ?? 0) != 0
    }
}
