/// The result of expanding a template: the text and whether any caller-supplied text went into it.
/// Storing it with `ChannelVariables.set(_:expansion:)` keeps the taint, so it is never expanded again.
public struct Expansion: Sendable, Hashable {
    public var text: String
    public var containsCallerText: Bool

    public init(text: String, containsCallerText: Bool) {
        self.text = text
        self.containsCallerText = containsCallerText
    }

    /// The origin to store this text with: `.caller` if any caller text went into it.
    public var origin: VariableOrigin { containsCallerText ? .caller : .system }
}
