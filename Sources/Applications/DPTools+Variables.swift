import Foundation
import SwitchCore

extension DPTools {
    /// The variable `export` lists exported names in (FreeSWITCH `SWITCH_EXPORT_VARS_VARIABLE`).
    static let exportVariablesName = "export_vars"

    /// `set name=value`. An empty value, or `name` alone, unsets. The value keeps the origin of the data, so
    /// text a caller supplied stays caller text.
    static func set(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async {
        guard let (name, value) = assignment(data.text, application: "set", session: session, log: log) else {
            return
        }
        await session.setVariable(name, value, origin: data.origin)
    }

    /// `export [nolocal:]name=value`: sets the variable and appends its name to `export_vars`, which originate
    /// and bridge copy to the new leg. As in `switch_channel_export_variable_var_check`, a `nolocal:` name is
    /// stored under its prefixed name (so this leg's `name` is untouched) and listed with the prefix, which the
    /// originator strips when copying.
    static func export(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async {
        guard let (name, value) = assignment(data.text, application: "export", session: session, log: log) else {
            return
        }
        let localName = name.lowercased().hasPrefix("nolocal:") ? String(name.dropFirst(8)) : name
        guard !localName.isEmpty else {
            log(.error, session, "export: no variable name after nolocal:")
            return
        }
        await session.setVariable(name, value, origin: data.origin)
        guard value != nil else { return }
        let current = await session.variable(exportVariablesName) ?? ""
        var names = current.split(separator: ",").map(String.init)
        guard !names.contains(name) else { return }
        names.append(name)
        await session.setVariable(exportVariablesName, names.joined(separator: ","), origin: data.origin)
    }

    /// `unset name`.
    static func unset(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async {
        let name = data.text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            log(.error, session, "unset: no variable name")
            return
        }
        await session.setVariable(name, nil, origin: data.origin)
    }

    /// `multiset a=1 b=2` (space separated, single quotes group) or `multiset ^^:a=1:b=2` (the character after
    /// `^^` separates). Each item is a `set`.
    static func multiset(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async {
        let items = multisetItems(data.text)
        if items.isEmpty {
            log(.error, session, "multiset: nothing to set")
        }
        for item in items {
            guard let (name, value) = assignment(item, application: "multiset", session: session, log: log) else {
                continue
            }
            await session.setVariable(name, value, origin: data.origin)
        }
    }

    static func multisetItems(_ text: String) -> [String] {
        guard text.hasPrefix("^^") else { return ApplicationArguments.split(text) }
        let rest = text.dropFirst(2)
        guard let separator = rest.first else { return [] }
        if separator == " " { return ApplicationArguments.split(String(rest)) }
        return rest.dropFirst().split(separator: separator).map(String.init).filter { !$0.isEmpty }
    }

    /// `name=value` → (name, value or nil to unset). Logs and returns nil when there is no name.
    private static func assignment(
        _ text: String, application: String, session: any SessionContext, log: ApplicationLog
    ) -> (String, String?)? {
        let (head, tail) = ApplicationArguments.splitOnce(text, at: "=")
        let name = head.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            log(.error, session, "\(application): no variable name in [\(text)]. USAGE: <name>=<value>")
            return nil
        }
        guard let tail, !tail.isEmpty else { return (name, nil) }
        return (name, tail)
    }
}
