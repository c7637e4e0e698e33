/// `switchboard dialplan test <destination> --context <name> --var k=v …`: hunts without a call and
/// renders what would run.
public enum DialplanTester {
    /// The printed report and the process exit status (0 routed, 1 no route).
    public struct Report: Sendable, Equatable {
        public var text: String
        public var exitStatus: Int32
        public var result: DialplanResult
    }

    /// Builds the input from `variables`: names that are caller-profile fields (`caller_id_number`,
    /// `network_addr`, …) set the field, the rest become channel variables. `caller_id_number` also
    /// fills `ani` unless given.
    public static func run(
        plan: DialplanPlan, destination: String, context: String, variables: [String: String], now: DialplanTime
    ) -> Report {
        var profile = ["destination_number": destination, "context": context, "dialplan": "XML"]
        var channelVariables: [String: String] = [:]
        for (name, value) in variables {
            if DialplanInput.callerProfileFieldNames.contains(name) {
                profile[name] = value
            } else {
                channelVariables[name] = value
            }
        }
        if profile["ani"] == nil, let number = profile["caller_id_number"] { profile["ani"] = number }
        let input = DialplanInput(callerProfile: profile, variables: channelVariables)
        let result = plan.hunt(context: context, channel: input, now: now)
        return Report(text: render(result, destination: destination, context: context), exitStatus: result.isNoRoute ? 1 : 0, result: result)
    }

    static func render(_ result: DialplanResult, destination: String, context: String) -> String {
        var lines = ["Dialplan: \(destination) in context \(context)"]
        guard !result.isNoRoute else {
            lines.append("No route: hangup NO_ROUTE_DESTINATION")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("Matched: " + result.matchedExtensions.joined(separator: ", "))
        for inline in result.inlineActions {
            lines.append("  inline \(inline.application)(\(inline.data))")
        }
        for skipped in result.skippedInlineActions {
            lines.append("  skipped inline \(skipped.application)(\(skipped.data)): not routing-safe")
        }
        for (index, action) in result.actions.enumerated() {
            lines.append("  \(index + 1). [\(action.extensionName)] \(action.application)(\(action.data.text))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
