extension DialplanPlan {
    /// Hunts `context` for the channel (mod_dialplan_xml `dialplan_hunt`, compat §2.4).
    ///
    /// - The context falls back to `global` when missing; with neither, the result is no route.
    /// - With channel variable `auto_hunt=true`, hunting starts at the extension named like the destination.
    /// - Extensions are tried in document order; a matching extension without `continue="true"` ends the
    ///   hunt. As in FreeSWITCH, actions appended by an extension's true conditions stay queued even when a
    ///   later condition fails.
    /// - `$N` captures are substituted into action data; `${var}` in action data is left for the session
    ///   (see ``DialplanActionData``). Inline actions run now, so later conditions see their variables.
    public func hunt(context: String, channel: DialplanInput, now: DialplanTime) -> DialplanResult {
        hunt(context: context, channel: channel, clock: { now })
    }

    /// As `hunt(context:channel:now:)`, reading `clock` only if a time condition is reached.
    public func hunt(context: String, channel: DialplanInput, clock: @escaping () -> DialplanTime) -> DialplanResult {
        guard let found = contexts[context] ?? contexts["global"] else {
            return DialplanResult(variables: channel.variables)
        }
        var hunt = DialplanHunt(input: channel, clock: clock)
        var extensions = found.extensions[...]
        if DialplanPlanBuilder.isTrue(channel.variables["auto_hunt"]),
            let start = extensions.firstIndex(where: { $0.name == channel.destinationNumber })
        {
            extensions = extensions[start...]
        }
        for candidate in extensions {
            let matched = hunt.evaluate(candidate.conditions, extension: candidate.name, requireNested: true)
            if matched {
                hunt.result.matchedExtensions.append(candidate.name)
                if !candidate.continues { break }
            }
        }
        hunt.result.variables = hunt.input.variables
        return hunt.result
    }
}
