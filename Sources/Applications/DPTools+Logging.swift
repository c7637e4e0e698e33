import Foundation
import SwitchCore

extension DPTools {
    /// `log [<level>] <text>`: the first word is the level if it names one, else the whole text is logged at
    /// DEBUG (`log_function`).
    static func logLine(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) {
        let text = data.text.trimmingCharacters(in: .whitespaces)
        let (first, rest) = ApplicationArguments.splitOnce(text, at: " ")
        if let level = ApplicationLogLevel(parsing: first) {
            log(level, session, (rest ?? "").trimmingCharacters(in: .whitespaces))
        } else {
            log(.debug, session, text)
        }
    }

    /// `info [<level>]`: logs the leg's caller profile and channel variables (default level INFO), one
    /// `name: [value]` line each, variables prefixed `variable_` as in a FreeSWITCH event dump.
    static func info(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async {
        let levelText = data.text.trimmingCharacters(in: .whitespaces)
        var level = ApplicationLogLevel.info
        if !levelText.isEmpty {
            if let parsed = ApplicationLogLevel(parsing: levelText) {
                level = parsed
            } else {
                log(.warning, session, "info: unknown level [\(levelText)], using INFO")
            }
        }
        var lines = ["Channel-UUID: [\(session.uuid)]"]
        for field in await session.callerProfile().eventHeaders {
            lines.append("\(field.name): [\(field.value)]")
        }
        if let listing = session as? any ChannelVariableListing {
            let variables = await listing.channelVariables()
            for name in variables.names {
                lines.append("variable_\(name): [\(variables[name] ?? "")]")
            }
        }
        log(level, session, "CHANNEL_DATA:\n" + lines.joined(separator: "\n"))
    }
}
