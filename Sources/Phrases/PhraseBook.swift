import Foundation

/// Every loaded phrase language, and the expansion of `(macro, data, language)` into steps. A pure value: the
/// server swaps in a new book on `reloadxml`.
public struct PhraseBook: Sendable, Hashable {
    /// Keyed by lowercased language name.
    public private(set) var languages: [String: PhraseLanguage] = [:]

    public init(languages: [PhraseLanguage] = []) {
        for language in languages { add(language) }
    }

    /// Adds `language`, merging it into one already present under the same name (case-insensitive).
    public mutating func add(_ language: PhraseLanguage) {
        let key = language.name.lowercased()
        if languages[key] == nil {
            languages[key] = language
        } else {
            languages[key]!.merge(language)
        }
    }

    public var macroCount: Int { languages.values.reduce(0) { $0 + $1.macroCount } }

    /// The language a macro is played in: the explicit one (`sayPhrase`'s third argument), else the channel's
    /// `language` variable (read by `phrase` and `playback phrase:`), else `default_language`, else `en`.
    public static func languageName(explicit: String?, language: String?, defaultLanguage: String?) -> String {
        for candidate in [explicit, language, defaultLanguage] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return "en"
    }

    /// Expands `macro` (`name` or `name@group`) with `data` in `language` into the steps to carry out.
    ///
    /// Inputs run in order. Each input's pattern is searched in `data`: on a match its `<match>` actions run
    /// with `$N` replaced by the captures (when the pattern has a group), otherwise its `<nomatch>` actions run
    /// as written. An input with `break_on_match` true ends the macro once one of its blocks ran; a `break`
    /// action ends it at once. Each action is followed by the macro's pause.
    public func expand(macro: String, data: String, language: String) throws(PhraseLookupError) -> PhraseExpansion {
        guard let found = languages[language.lowercased()] else {
            throw PhraseLookupError(.unknownLanguage, macro: macro, language: language)
        }
        guard let (definition, group) = found.find(macro) else {
            throw PhraseLookupError(.unknownMacro, macro: macro, language: language)
        }
        let say = found.sayModule ?? found.name
        var steps: [PhraseStep] = []
        var matched = false
        inputs: for input in definition.inputs {
            let captures = input.pattern.captures(in: data)
            guard let block = captures == nil ? input.nomatch : input.match else { continue }
            matched = true
            let substitute = captures != nil && input.pattern.substitutesCaptures
            for action in block {
                guard let step = Self.step(action, captures: substitute ? captures : nil, sayModule: say) else {
                    break inputs
                }
                steps.append(step)
                if definition.pause > 0 { steps.append(.pause(milliseconds: definition.pause)) }
            }
            if input.breakOnMatch { break }
        }
        return PhraseExpansion(
            macro: definition.name, language: found.name, steps: steps, soundPath: group.soundPath ?? found.soundPath,
            matched: matched, ttsEngine: found.ttsEngine, ttsVoice: found.ttsVoice)
    }

    /// The step for one action; nil for `break`.
    static func step(_ action: PhraseAction, captures: [String]?, sayModule: String) -> PhraseStep? {
        let text = captures.map { PhraseText(substituting: action.data, captures: $0) }
            ?? PhraseText(template: action.data)
        let attributes = action.attributes
        switch action.function {
        case .playFile:
            return .playFile(text)
        case .say:
            return .say(text, PhraseSay(
                type: attributes["type"] ?? "", method: attributes["method"] ?? "", gender: attributes["gender"],
                module: sayModule))
        case .execute:
            let (application, arguments) = Self.splitApplication(action.data)
            let data = captures.map { PhraseText(substituting: arguments, captures: $0) }
                ?? PhraseText(template: arguments)
            return .execute(application: application, data: data)
        case .speakText:
            return .speak(text, engine: attributes["tts-engine"], voice: attributes["tts-voice"])
        case .phrase:
            return .phrase(macro: attributes["phrase"] ?? "", data: text)
        case .break:
            return nil
        }
    }

    /// `app(args)` → (`app`, `args`); without parentheses the whole text is the application.
    static func splitApplication(_ data: String) -> (String, String) {
        let trimmed = data.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else { return (trimmed, "") }
        let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        let arguments = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        return (name, String(arguments))
    }
}

/// What a macro expands to, and the language settings its steps are carried out with.
public struct PhraseExpansion: Sendable, Hashable {
    /// The macro's name as defined.
    public var macro: String
    /// The language's name as defined.
    public var language: String
    public var steps: [PhraseStep]
    /// Where relative files are found (the group's, else the language's sound path); nil for the sounds
    /// directory.
    public var soundPath: String?
    /// False when no input ran a block (FreeSWITCH logs "did not match any patterns").
    public var matched: Bool
    public var ttsEngine: String?
    public var ttsVoice: String?

    /// `file` under the sound path when it is relative and a sound path is set; otherwise unchanged.
    public func soundFile(_ file: String) -> String {
        guard let soundPath, !soundPath.isEmpty, !file.hasPrefix("/"), !file.contains("://") else { return file }
        return soundPath.hasSuffix("/") ? soundPath + file : soundPath + "/" + file
    }
}

/// A macro that cannot be played.
public struct PhraseLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case unknownLanguage
        case unknownMacro
    }

    public var kind: Kind
    public var macro: String
    public var language: String

    public init(_ kind: Kind, macro: String, language: String) {
        self.kind = kind
        self.macro = macro
        self.language = language
    }

    public var description: String {
        switch kind {
        case .unknownLanguage: "no phrase language [\(language)] (for macro [\(macro)])"
        case .unknownMacro: "no phrase macro [\(macro)] in language [\(language)]"
        }
    }
}

extension PhraseBook {
    /// `phrase:<macro>[:<data>]`, the playback source FreeSWITCH's file player turns into a macro
    /// (`playback`, `session:streamFile`): the macro and its data, or nil for any other source.
    public static func playbackSource(_ source: String) -> (macro: String, data: String)? {
        guard source.lowercased().hasPrefix("phrase:") else { return nil }
        let rest = source.dropFirst("phrase:".count)
        guard let colon = rest.firstIndex(of: ":") else { return (rest.trimmingCharacters(in: .whitespaces), "") }
        return (rest[..<colon].trimmingCharacters(in: .whitespaces), String(rest[rest.index(after: colon)...]))
    }
}
