/// Text of a phrase action after `$N` substitution, kept in pieces so caller text is never variable-expanded.
///
/// FreeSWITCH substitutes the pattern's captures into the action's `data`, then expands channel variables over
/// the result. Here the macro's own text stays a ``Segment/template(_:)`` (expanded when the step runs) and each
/// capture is a ``Segment/literal(_:)``: digits a caller typed that happen to read `${…}` are played as typed.
public struct PhraseText: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        /// Macro text; `${…}` inside is expanded against the channel when the step runs.
        case template(String)
        /// Captured from the macro's data; used as-is.
        case literal(String)
    }

    public var segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Macro text with nothing substituted.
    public init(template: String) {
        segments = template.isEmpty ? [] : [.template(template)]
    }

    /// Data handed to the macro (caller or script text), used as-is.
    public init(literal: String) {
        segments = literal.isEmpty ? [] : [.literal(literal)]
    }

    /// Replaces `$N` and `${N}` in `template` with `captures[N]` (`""` past the end); `\$` is a literal `$`.
    /// `${name}` with a non-digit name is left for channel-variable expansion.
    public init(substituting template: String, captures: [String]) {
        var segments: [Segment] = []
        var pending = ""
        var index = template.startIndex
        func flush() {
            if !pending.isEmpty { segments.append(.template(pending)) }
            pending = ""
        }
        while index < template.endIndex {
            let character = template[index]
            let next = template.index(after: index)
            if character == "\\", next < template.endIndex, template[next] == "$" {
                pending.append("$")
                index = template.index(after: next)
            } else if character == "$", let (number, end) = Self.captureReference(in: template, after: next) {
                flush()
                let value = number < captures.count ? captures[number] : ""
                if !value.isEmpty { segments.append(.literal(value)) }
                index = end
            } else {
                pending.append(character)
                index = next
            }
        }
        flush()
        self.segments = segments
    }

    /// `N` or `{N}` right after a `$`: the capture number and where the reference ends.
    private static func captureReference(in text: String, after start: String.Index) -> (Int, String.Index)? {
        var index = start
        let braced = index < text.endIndex && text[index] == "{"
        if braced { index = text.index(after: index) }
        let digitsStart = index
        while index < text.endIndex, text[index].isASCII, text[index].isNumber { index = text.index(after: index) }
        guard index > digitsStart, let number = Int(text[digitsStart..<index]) else { return nil }
        if braced {
            guard index < text.endIndex, text[index] == "}" else { return nil }
            index = text.index(after: index)
        }
        return (number, index)
    }

    /// True when any captured (caller) text went in.
    public var containsLiteral: Bool {
        segments.contains { if case .literal = $0 { true } else { false } }
    }

    /// The text with templates unexpanded: for logs and tests.
    public var description: String {
        segments.map { segment in
            switch segment {
            case .template(let text), .literal(let text): text
            }
        }.joined()
    }

    /// Expands the template segments with `expand` and joins the result.
    public func resolved(_ expand: (String) async -> String) async -> String {
        var result = ""
        for segment in segments {
            switch segment {
            case .template(let text): result += await expand(text)
            case .literal(let text): result += text
            }
        }
        return result
    }
}
