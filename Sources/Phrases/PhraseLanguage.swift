/// `<language name="en" say-module="en" sound-prefix="…" tts-engine="…" tts-voice="…">` and its macros.
public struct PhraseLanguage: Sendable, Hashable {
    public var name: String
    /// `say-module` (or the deprecated `module`); nil means the language's name.
    public var sayModule: String?
    /// `sound-prefix`, `sound-path` or `sound_path`: where relative files of this language's macros live.
    public var soundPath: String?
    public var ttsEngine: String?
    public var ttsVoice: String?
    /// `<macros>` groups in load order.
    public var groups: [PhraseMacroGroup]

    public init(
        name: String, sayModule: String? = nil, soundPath: String? = nil, ttsEngine: String? = nil,
        ttsVoice: String? = nil, groups: [PhraseMacroGroup] = []
    ) {
        self.name = name
        self.sayModule = sayModule
        self.soundPath = soundPath
        self.ttsEngine = ttsEngine
        self.ttsVoice = ttsVoice
        self.groups = groups
    }

    /// Takes `other`'s groups after this one's, and its attributes where this one has none (several files
    /// may describe one language).
    mutating func merge(_ other: PhraseLanguage) {
        sayModule = sayModule ?? other.sayModule
        soundPath = soundPath ?? other.soundPath
        ttsEngine = ttsEngine ?? other.ttsEngine
        ttsVoice = ttsVoice ?? other.ttsVoice
        groups += other.groups
    }

    /// `name` or `name@group`. Without a group every group is searched in load order; the first definition of
    /// a name wins, as in FreeSWITCH.
    func find(_ reference: String) -> (PhraseMacro, PhraseMacroGroup)? {
        let (name, group) = Self.split(reference)
        for candidate in groups where group == nil || candidate.name?.lowercased() == group {
            if let macro = candidate.macro(named: name) { return (macro, candidate) }
        }
        return nil
    }

    static func split(_ reference: String) -> (name: String, group: String?) {
        guard let at = reference.firstIndex(of: "@") else { return (reference, nil) }
        return (String(reference[..<at]), reference[reference.index(after: at)...].lowercased())
    }

    public var macroCount: Int { groups.reduce(0) { $0 + $1.macros.count } }
}

/// One `<macros [name="…"] [sound-prefix="…"]>` block; `name@group` picks it by name.
public struct PhraseMacroGroup: Sendable, Hashable {
    public var name: String?
    /// Overrides the language's sound path for the macros in this group.
    public var soundPath: String?
    public private(set) var macros: [PhraseMacro] = []
    private var index: [String: Int] = [:]

    public init(name: String? = nil, soundPath: String? = nil, macros: [PhraseMacro] = []) {
        self.name = name
        self.soundPath = soundPath
        for macro in macros { add(macro) }
    }

    /// Adds `macro` unless one of the same name (case-insensitive) is already here; returns false then.
    @discardableResult
    public mutating func add(_ macro: PhraseMacro) -> Bool {
        let key = macro.name.lowercased()
        guard index[key] == nil else { return false }
        index[key] = macros.count
        macros.append(macro)
        return true
    }

    public func macro(named name: String) -> PhraseMacro? {
        index[name.lowercased()].map { macros[$0] }
    }
}
