/// Queueing actions and running inline ones (compat §2.4 step 5).
extension DialplanHunt {
    /// dptools applications flagged routing-safe (SAF_ROUTING_EXEC), plus `lua`; only these run inline.
    static let routingSafeApplications: Set<String> = [
        "set", "export", "bridge_export", "unset", "multiset", "multiunset", "push", "unshift", "set_global",
        "set_profile_var", "set_name", "set_user", "log", "info", "event", "eval", "strftime", "phrase",
        "presence", "check_acl", "verbose_events", "novideo", "cng_plc", "early_hangup", "set_zombie_exec",
        "set_media_stats", "stop", "sound_test", "three_way", "lua",
    ]

    mutating func queue(_ actions: [DialplanAction], captures: [String]?, extension name: String) {
        for action in actions {
            for _ in 0..<action.loop {
                if action.isInline {
                    runInline(action, captures: captures, extension: name)
                } else {
                    let data = Self.substitute(action.data, captures: captures)
                    result.actions.append(
                        DialplanQueuedAction(extensionName: name, application: action.application, data: data))
                }
            }
        }
    }

    /// `$N` substitution that keeps captured caller text apart from plan text.
    static func substitute(_ data: String, captures: [String]?) -> DialplanActionData {
        guard let captures else { return DialplanActionData(template: data) }
        var segments: [DialplanActionData.Segment] = []
        var template = ""
        for token in DialplanVariableExpander.tokenize(data) {
            switch token {
            case .text(let text):
                template += text
            case .variable(let name):
                template += "${\(name)}"
            case .capture(let number):
                if !template.isEmpty { segments.append(.template(template)) }
                template = ""
                let text = number < captures.count ? captures[number] : ""
                if !text.isEmpty { segments.append(.literal(text)) }
            }
        }
        if !template.isEmpty { segments.append(.template(template)) }
        return DialplanActionData(segments: segments)
    }

    /// Runs an inline action: captures and `${var}` are substituted in one pass (no re-expansion), then
    /// variable-changing applications update the channel; other routing-safe ones are reported for the
    /// session to run; the rest are skipped ("cannot be executed inline").
    private mutating func runInline(_ action: DialplanAction, captures: [String]?, extension name: String) {
        let tokens = DialplanVariableExpander.tokenize(action.data)
        let data = DialplanVariableExpander.render(tokens, captures: captures, lookup: variable)
        let ran = DialplanInlineAction(extensionName: name, application: action.application, data: data)
        guard Self.routingSafeApplications.contains(action.application) else {
            result.skippedInlineActions.append(ran)
            return
        }
        result.inlineActions.append(ran)
        apply(application: action.application, data: data)
    }

    private mutating func apply(application: String, data: String) {
        switch application {
        case "set":
            assign(data)
        case "export", "bridge_export":
            let local = !data.hasPrefix("nolocal:")
            let assignment = local ? data : String(data.dropFirst("nolocal:".count))
            let (key, value) = Self.split(assignment)
            result.exportedVariables[key] = value
            if local { assign(assignment) }
        case "unset":
            input.variables[data] = nil
        case "multiset", "multiunset":
            var text = Substring(data)
            var delimiter: Character = " "
            if text.hasPrefix("^^"), text.count > 2 {
                delimiter = text[text.index(text.startIndex, offsetBy: 2)]
                text = text.dropFirst(3)
            }
            for item in text.split(separator: delimiter) {
                if application == "multiset" { assign(String(item)) } else { input.variables[String(item)] = nil }
            }
        default:
            return
        }
    }

    /// `name=value`; an empty value (or no `=`) unsets.
    private mutating func assign(_ assignment: String) {
        let (key, value) = Self.split(assignment)
        guard !key.isEmpty else { return }
        input.variables[key] = value.isEmpty ? nil : value
    }

    private static func split(_ assignment: String) -> (String, String) {
        guard let equals = assignment.firstIndex(of: "=") else { return (assignment, "") }
        return (String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
    }
}
