/// A dialplan file that cannot be loaded, located by `file:line`.
public struct DialplanLoadError: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case unreadableFile
        case malformedXML
        case unknownBreak
        case unknownRegexMode
        case invalidRegex
        case invalidTimeCondition
        case invalidPreprocess
        case includeTooDeep
    }

    public var kind: Kind
    /// Path relative to the dialplan directory (as named by the include or directory listing).
    public var file: String
    public var line: Int
    public var message: String

    public init(kind: Kind, file: String, line: Int, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}
