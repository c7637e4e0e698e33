/// One application to run, as the dialplan hunt produces it. `data` is not yet expanded: that happens when
/// the application runs (compat §2.4 step 5).
public struct ApplicationInvocation: Sendable, Hashable {
    public var name: String
    public var data: ApplicationData

    public init(_ name: String, _ data: String = "") {
        self.name = name
        self.data = ApplicationData(template: data)
    }

    public init(_ name: String, data: ApplicationData) {
        self.name = name
        self.data = data
    }
}

/// Application data before expansion: plan text that may hold `${var}`, and text the dialplan captured from
/// the caller (`$1` of a destination-number regex) that must be inserted literally, never expanded.
public struct ApplicationData: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        /// Trusted plan text; `${…}` inside is expanded when the application runs.
        case template(String)
        /// Caller text; copied as-is and marks the expansion as containing caller text.
        case literal(String)
    }

    public var segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
    }

    public init(template: String) {
        segments = template.isEmpty ? [] : [.template(template)]
    }

    /// The unexpanded text, for logs and `switchboard dialplan test`.
    public var description: String {
        segments.map { segment in
            switch segment {
            case .template(let text), .literal(let text): text
            }
        }.joined()
    }
}

extension VariableExpander {
    /// Expands template segments and copies literal (caller) segments unchanged.
    public func expand(_ data: ApplicationData) -> Expansion {
        var result = Expansion(text: "", containsCallerText: false)
        for segment in data.segments {
            switch segment {
            case .template(let text):
                let part = expand(text)
                result.text += part.text
                result.containsCallerText = result.containsCallerText || part.containsCallerText
            case .literal(let text):
                result.text += text
                result.containsCallerText = result.containsCallerText || !text.isEmpty
            }
        }
        return result
    }
}
