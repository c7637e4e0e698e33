/// A phrase file that cannot be loaded, located by `file:line`.
public struct PhraseLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case unreadableFile
        case malformedXML
        case unexpectedElement
        case missingAttribute
        case invalidPattern
        case invalidAttribute
        case unknownFunction
        case noLanguage
    }

    public var kind: Kind
    /// Path relative to the phrases directory.
    public var file: String
    public var line: Int
    public var message: String

    public init(_ kind: Kind, file: String, line: Int, _ message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}
