/// One thing a phrase macro does, in order: what the `phrase` application, `playback phrase:` and
/// `session:sayPhrase` carry out through the session's media operations.
public enum PhraseStep: Sendable, Hashable {
    /// `play-file`: a sound file (relative to the sounds directory, or the language's sound path) or any other
    /// playback source (`tone_stream://`, `silence_stream://`).
    case playFile(PhraseText)
    /// `say`: speak `text` as `type` (`number`, `items`, `name_spelled` …) by `method` (`pronounced`,
    /// `iterated`, `counted`), with the language's say module.
    case say(PhraseText, PhraseSay)
    /// `execute`: run a dialplan application (`data="sleep(500)"` → `sleep` with `500`).
    case execute(application: String, data: PhraseText)
    /// `speak-text`: text to speech with the action's (else the language's) engine and voice.
    case speak(PhraseText, engine: String?, voice: String?)
    /// `phrase`: another macro of the same language, with `data` as its input.
    case phrase(macro: String, data: PhraseText)
    /// The macro's `pause` after each action (FreeSWITCH sleeps 100 ms unless the macro says otherwise). Digits
    /// pressed meanwhile stay buffered.
    case pause(milliseconds: Int)
}

/// How a `say` action speaks its text.
public struct PhraseSay: Sendable, Hashable {
    public var type: String
    public var method: String
    public var gender: String?
    /// The language's `say-module` (else its name).
    public var module: String

    public init(type: String, method: String, gender: String? = nil, module: String) {
        self.type = type
        self.method = method
        self.gender = gender
        self.module = module
    }
}

extension PhraseSay {
    /// The files that say `text`: the shipped sounds hold only digits, so every type and method is said digit
    /// by digit as `digits/<d>.wav` (`*` star, `#` pound); other characters are skipped.
    public static func digitFiles(_ text: String) -> [String] {
        text.compactMap { character in
            switch character {
            case "0"..."9": "digits/\(character).wav"
            case "*": "digits/star.wav"
            case "#": "digits/pound.wav"
            default: nil
            }
        }
    }
}
