/// Where a variable's text came from. It decides whether the expander may look inside it.
public enum VariableOrigin: Sendable, Hashable {
    /// Configuration, dialplan, directory or our own code: trusted, may contain `${…}` references.
    case system
    /// Anything a remote party chose: SIP headers, caller id, DTMF, Verto params. Inserted literally, never
    /// expanded, so a caller id of `${system(rm -rf /)}` stays text.
    case caller
}

/// One channel variable: its text and where that text came from.
public struct ChannelVariable: Sendable, Hashable {
    public var value: String
    public var origin: VariableOrigin

    public init(value: String, origin: VariableOrigin) {
        self.value = value
        self.origin = origin
    }
}
