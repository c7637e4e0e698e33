/// A problem with the configuration file: a TOML syntax error, an unknown table or key, or a value of the wrong
/// type or out of range. `description` reads `file:line: message`, e.g.
/// `switchboard.toml:7: unknown key 'sip.udp_prot'`.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as it was named to the loader.
    public let file: String
    /// 1-based line, or nil when the problem is the file as a whole (missing, unreadable).
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line {
            return "\(file):\(line): \(message)"
        }
        return "\(file): \(message)"
    }
}
