import Foundation

/// Turns one phrase file's XML tree into languages and macros, checking everything that can be checked before a
/// call: names, patterns, action functions and numbers. Every error names `file:line`.
///
/// Accepted layouts (FreeSWITCH's `conf/lang/<lang>/*.xml` and the older one):
/// - `<include><language name="en" …><phrases><macros [name="…"]><macro …/>…` (`<macro>` may also sit directly in
///   `<language>` or `<phrases>`);
/// - `<include><macro …/>…</include>` (a file included into a `<macros>` block): the macros belong to the
///   language of the folder the file is in;
/// - `<macros><language name="en"><macro …/>…` (the pre-1.2 layout).
///
/// `X-PRE-PROCESS` lines are skipped: every `*.xml` under the language folder is loaded anyway.
struct PhraseFileParser {
    /// Path relative to the phrases directory, for errors.
    let file: String
    /// The folder the file is in (`phrases/en/…` → `en`); nil for a file at the top of the phrases directory.
    let folderLanguage: String?

    private static let containers: Set<String> = ["include", "document", "section", "phrases"]
    private static let preprocess = "X-PRE-PROCESS"

    func languages(in root: PhraseXMLElement) throws(PhraseLoadError) -> [PhraseLanguage] {
        var languages: [PhraseLanguage] = []
        var loose = PhraseMacroGroup()
        try visit(root, languages: &languages, loose: &loose)
        if let first = loose.macros.first {
            guard let folderLanguage else {
                throw error(.noLanguage, first.line, "macro [\(first.name)] is outside a <language> element")
            }
            languages.append(PhraseLanguage(name: folderLanguage, groups: [loose]))
        }
        return languages
    }

    private func visit(
        _ element: PhraseXMLElement, languages: inout [PhraseLanguage], loose: inout PhraseMacroGroup
    ) throws(PhraseLoadError) {
        switch element.name {
        case "language":
            languages.append(try language(element))
        case "macro":
            loose.add(try macro(element))
        case "macros" where element.children.contains(where: { $0.name == "language" }):
            for child in element.children { try visit(child, languages: &languages, loose: &loose) }
        case "macros":
            for macro in try group(element).macros { loose.add(macro) }
        case Self.preprocess:
            return
        case let name where Self.containers.contains(name):
            for child in element.children { try visit(child, languages: &languages, loose: &loose) }
        default:
            throw unexpected(element, in: "a phrase file")
        }
    }

    private func language(_ element: PhraseXMLElement) throws(PhraseLoadError) -> PhraseLanguage {
        guard let name = element.attributes["name"] ?? folderLanguage, !name.isEmpty else {
            throw error(.missingAttribute, element.line, "<language> needs a name")
        }
        var language = PhraseLanguage(
            name: name, sayModule: element.attribute("say-module", "module"),
            soundPath: element.attribute("sound-prefix", "sound-path", "sound_path"),
            ttsEngine: element.attribute("tts-engine", "tts_engine"), ttsVoice: element.attribute("tts-voice", "tts_voice"))
        var loose = PhraseMacroGroup()
        try collectGroups(element.children, into: &language.groups, loose: &loose)
        if !loose.macros.isEmpty { language.groups.append(loose) }
        return language
    }

    private func collectGroups(
        _ children: [PhraseXMLElement], into groups: inout [PhraseMacroGroup], loose: inout PhraseMacroGroup
    ) throws(PhraseLoadError) {
        for child in children {
            switch child.name {
            case "phrases": try collectGroups(child.children, into: &groups, loose: &loose)
            case "macros": groups.append(try group(child))
            case "macro": loose.add(try macro(child))
            case Self.preprocess: continue
            default: throw unexpected(child, in: "<language>")
            }
        }
    }

    private func group(_ element: PhraseXMLElement) throws(PhraseLoadError) -> PhraseMacroGroup {
        var group = PhraseMacroGroup(
            name: element.attributes["name"], soundPath: element.attribute("sound-prefix", "sound-path", "sound_path"))
        for child in element.children {
            switch child.name {
            case "macro": group.add(try macro(child))
            case Self.preprocess: continue
            default: throw unexpected(child, in: "<macros>")
            }
        }
        return group
    }

    private func macro(_ element: PhraseXMLElement) throws(PhraseLoadError) -> PhraseMacro {
        guard let name = element.attributes["name"], !name.isEmpty else {
            throw error(.missingAttribute, element.line, "<macro> needs a name")
        }
        var pause = PhraseMacro.defaultPause
        if let text = element.attributes["pause"] {
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw error(.invalidAttribute, element.line, "macro [\(name)]: pause [\(text)] is not a number of milliseconds")
            }
            pause = value
        }
        var inputs: [PhraseInput] = []
        for child in element.children where child.name != Self.preprocess {
            guard child.name == "input" else { throw unexpected(child, in: "<macro>") }
            inputs.append(try input(child))
        }
        return PhraseMacro(name: name, pause: pause, inputs: inputs, file: file, line: element.line)
    }

    private func input(_ element: PhraseXMLElement) throws(PhraseLoadError) -> PhraseInput {
        if element.attributes["field"] != nil {
            throw error(.invalidAttribute, element.line, "<input field=…> is not supported; patterns match the macro's data")
        }
        let text = element.attributes["pattern"] ?? ".*"
        let pattern: PhrasePattern
        do {
            pattern = try PhrasePattern(text)
        } catch {
            throw self.error(.invalidPattern, element.line, "invalid pattern [\(text)]")
        }
        var match: [PhraseAction]?
        var nomatch: [PhraseAction]?
        for child in element.children {
            switch child.name {
            case "match": match = (match ?? []) + (try actions(child))
            case "nomatch": nomatch = (nomatch ?? []) + (try actions(child))
            case Self.preprocess: continue
            default: throw unexpected(child, in: "<input>")
            }
        }
        return PhraseInput(
            pattern: pattern, breakOnMatch: Self.isTrue(element.attributes["break_on_match"]), match: match,
            nomatch: nomatch)
    }

    private func actions(_ block: PhraseXMLElement) throws(PhraseLoadError) -> [PhraseAction] {
        var actions: [PhraseAction] = []
        for element in block.children where element.name != Self.preprocess {
            guard element.name == "action" else { throw unexpected(element, in: "<\(block.name)>") }
            guard let name = element.attributes["function"] else {
                throw error(.missingAttribute, element.line, "<action> needs a function")
            }
            guard let function = PhraseAction.Function(rawValue: name.lowercased()) else {
                let known = PhraseAction.Function.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(.unknownFunction, element.line, "unknown action function [\(name)] (known: \(known))")
            }
            let data = element.attributes["data"] ?? ""
            if function == .execute, data.trimmingCharacters(in: .whitespaces).isEmpty {
                throw error(.missingAttribute, element.line, "execute needs data=\"application(arguments)\"")
            }
            if function == .phrase, (element.attributes["phrase"] ?? "").isEmpty {
                throw error(.missingAttribute, element.line, "function phrase needs phrase=\"<macro name>\"")
            }
            var attributes = element.attributes
            attributes["function"] = nil
            attributes["data"] = nil
            actions.append(PhraseAction(function, data: data, attributes: attributes, line: element.line))
        }
        return actions
    }

    /// FreeSWITCH's `switch_true`: yes, on, true, t, enabled, enable, active, allow, or a non-zero number.
    static func isTrue(_ text: String?) -> Bool {
        guard let text = text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return false }
        if ["yes", "on", "true", "t", "enabled", "enable", "active", "allow"].contains(text) { return true }
        return Int(text).map { $0 != 0 } ?? false
    }

    private func unexpected(_ element: PhraseXMLElement, in place: String) -> PhraseLoadError {
        error(.unexpectedElement, element.line, "unexpected <\(element.name)> in \(place)")
    }

    private func error(_ kind: PhraseLoadError.Kind, _ line: Int, _ message: String) -> PhraseLoadError {
        PhraseLoadError(kind, file: file, line: line, message)
    }
}
