import Foundation

/// One `<macro name="…">`: its inputs in document order and the pause after each action.
public struct PhraseMacro: Sendable, Hashable {
    public var name: String
    /// Milliseconds slept after each action (`pause` attribute; FreeSWITCH's default is 100).
    public var pause: Int
    public var inputs: [PhraseInput]
    /// Where the macro was defined, for logs.
    public var file: String
    public var line: Int

    public static let defaultPause = 100

    public init(name: String, pause: Int = PhraseMacro.defaultPause, inputs: [PhraseInput], file: String, line: Int) {
        self.name = name
        self.pause = pause
        self.inputs = inputs
        self.file = file
        self.line = line
    }
}

/// `<input pattern="…" break_on_match="…">` with its `<match>` and `<nomatch>` actions.
public struct PhraseInput: Sendable, Hashable {
    public var pattern: PhrasePattern
    /// Stop after this input when it ran a block (its `<match>` or its `<nomatch>`); absent means false.
    public var breakOnMatch: Bool
    /// nil when the input has no `<match>` element (an empty one is `[]`).
    public var match: [PhraseAction]?
    public var nomatch: [PhraseAction]?

    public init(pattern: PhrasePattern, breakOnMatch: Bool = false, match: [PhraseAction]?, nomatch: [PhraseAction]? = nil) {
        self.pattern = pattern
        self.breakOnMatch = breakOnMatch
        self.match = match
        self.nomatch = nomatch
    }
}

/// `<action function="…" data="…"/>` as written; substitution happens at expansion.
public struct PhraseAction: Sendable, Hashable {
    public enum Function: String, Sendable, Hashable, CaseIterable {
        case playFile = "play-file"
        case say
        case execute
        case speakText = "speak-text"
        case phrase
        case `break`
    }

    public var function: Function
    public var data: String
    /// The other attributes: `type`, `method`, `gender` (say), `tts-engine`, `tts-voice` (speak-text),
    /// `phrase` (the nested macro's name).
    public var attributes: [String: String]
    public var line: Int

    public init(_ function: Function, data: String = "", attributes: [String: String] = [:], line: Int = 0) {
        self.function = function
        self.data = data
        self.attributes = attributes
        self.line = line
    }
}

/// An input pattern, matched like FreeSWITCH's PCRE search (anywhere in the data unless anchored) with
/// `NSRegularExpression`, compiled once at load.
public struct PhrasePattern: @unchecked Sendable, Hashable {
    // @unchecked: NSRegularExpression is immutable after init and safe to share between threads.
    public let pattern: String
    private let regex: NSRegularExpression

    /// Throws the ICU failure when `pattern` does not compile.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        regex = try NSRegularExpression(pattern: pattern.isEmpty ? "(?:)" : pattern)
    }

    /// `$0…$N` of the first match (unmatched groups as ""), or nil when the data does not match.
    public func captures(in subject: String) -> [String]? {
        let text = subject as NSString
        guard let match = regex.firstMatch(in: subject, range: NSRange(location: 0, length: text.length)) else {
            return nil
        }
        return (0..<match.numberOfRanges).map { index in
            let range = match.range(at: index)
            return range.location == NSNotFound ? "" : text.substring(with: range)
        }
    }

    /// FreeSWITCH substitutes captures into action data only when the pattern has a group.
    public var substitutesCaptures: Bool { pattern.contains("(") }

    public static func == (lhs: PhrasePattern, rhs: PhrasePattern) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}
