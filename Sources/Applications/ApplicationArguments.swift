import Foundation

/// Splits application data into arguments the way FreeSWITCH's `switch_separate_string` does with a blank
/// delimiter: runs of spaces separate arguments; single quotes group text and are removed (a quote with no
/// closing partner is kept literally); a backslash before a quote, blank or backslash makes it literal, `\n`,
/// `\r`, `\t` and `\s` give newline, return, tab and space, and any other backslash is kept, so regular
/// expressions such as `\d+` pass through. Nothing here fails.
public enum ApplicationArguments {
    public static func split(_ data: String) -> [String] {
        let characters = Array(data)
        var arguments: [String] = []
        var current = ""
        var inQuotes = false
        var started = false
        let lastQuote = characters.lastIndex(of: "'") ?? -1
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "\\", index < characters.count, let escaped = unescaped(characters[index]) {
                current.append(escaped)
                started = true
                index += 1
            } else if character == "'", inQuotes || index <= lastQuote {
                inQuotes.toggle()
                started = true
            } else if (character == " " || character == "\t") && !inQuotes {
                if started { arguments.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { arguments.append(current) }
        return arguments
    }

    /// What `\<character>` stands for, or nil when the backslash is kept as it is.
    private static func unescaped(_ character: Character) -> Character? {
        switch character {
        case "'", "\"", " ", "\\": character
        case "n": "\n"
        case "r": "\r"
        case "t": "\t"
        case "s": " "
        default: nil
        }
    }

    /// Splits `text` once at the first `separator`: `("a=b=c", "=")` gives `("a", "b=c")`.
    public static func splitOnce(_ text: String, at separator: Character) -> (head: String, tail: String?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }

    /// A non-negative millisecond count; nil for anything else.
    public static func milliseconds(_ text: String) -> Int? {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else { return nil }
        return value
    }
}

extension ApplicationArguments {
    /// Every DTMF digit, for the `any` terminator list.
    public static let allDigits: Set<Character> = Set("0123456789*#ABCD")

    /// A terminator list as `read` and `play_and_get_digits` take it: empty → `#`, `none` → no terminators,
    /// `any` → every digit, else the characters given.
    public static func terminators(_ text: String) -> Set<Character> {
        switch text.lowercased() {
        case "": ["#"]
        case "none": []
        case "any": allDigits
        default: Set(text)
        }
    }

    /// A prompt argument: empty (`''`) means none.
    static func prompt(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }

    /// Parses a required integer argument, naming it in the error.
    static func integer(_ arguments: [String], _ index: Int, _ name: String) throws(ApplicationUsageError) -> Int {
        guard index < arguments.count else { throw ApplicationUsageError("missing \(name)") }
        guard let value = Int(arguments[index]) else {
            throw ApplicationUsageError("\(name) [\(arguments[index])] is not a number")
        }
        return value
    }
}
