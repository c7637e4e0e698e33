/// Single-pass `${name}` / `$N` template processing.
///
/// One pass means a substituted value is never scanned again: caller-controlled text (a capture, a
/// variable's value) cannot smuggle in a `${…}` reference.
public enum DialplanVariableExpander {
    /// One piece of a template.
    public enum Token: Equatable, Sendable {
        case text(String)
        /// `${name}` (name without the braces; may contain nested `${…}` or `func(args)`).
        case variable(String)
        /// `$N` or `${N}`.
        case capture(Int)
    }

    /// Splits a template into text, `${name}` and `$N` tokens. A `$` not followed by a digit or `{` is text.
    public static func tokenize(_ template: String) -> [Token] {
        var tokens: [Token] = []
        var text = ""
        let chars = Array(template)
        var index = 0
        while index < chars.count {
            let char = chars[index]
            guard char == "$", index + 1 < chars.count else {
                text.append(char)
                index += 1
                continue
            }
            let next = chars[index + 1]
            if next.isASCII, next.isNumber {
                var end = index + 1
                while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 }
                flush(&text, into: &tokens)
                tokens.append(.capture(Int(String(chars[(index + 1)..<end])) ?? 0))
                index = end
            } else if next == "{", let close = matchingBrace(chars, open: index + 1) {
                let name = String(chars[(index + 2)..<close])
                flush(&text, into: &tokens)
                if let number = Int(name), name.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    tokens.append(.capture(number))
                } else {
                    tokens.append(.variable(name))
                }
                index = close + 1
            } else {
                text.append(char)
                index += 1
            }
        }
        flush(&text, into: &tokens)
        return tokens
    }

    /// Expands `${name}` with `lookup` (unknown → ""), leaving `$N` as written. Values are inserted literally.
    public static func expand(_ template: String, lookup: (String) -> String?) -> String {
        render(tokenize(template), captures: nil, lookup: lookup)
    }

    /// Renders tokens: variables through `lookup` (unknown or function-style names → ""), captures from
    /// `captures` (out of range → ""; `nil` keeps `$N` as written).
    public static func render(_ tokens: [Token], captures: [String]?, lookup: (String) -> String?) -> String {
        var out = ""
        for token in tokens {
            switch token {
            case .text(let text):
                out += text
            case .variable(let name):
                out += name.contains("(") || name.contains("$") ? "" : (lookup(name) ?? "")
            case .capture(let number):
                if let captures {
                    out += number < captures.count ? captures[number] : ""
                } else {
                    out += "$\(number)"
                }
            }
        }
        return out
    }

    private static func flush(_ text: inout String, into tokens: inout [Token]) {
        if !text.isEmpty {
            tokens.append(.text(text))
            text = ""
        }
    }

    private static func matchingBrace(_ chars: [Character], open: Int) -> Int? {
        var depth = 0
        for index in open..<chars.count {
            if chars[index] == "{" {
                depth += 1
            } else if chars[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }
}
