/// A session description that could not be parsed (RFC 8866 §5, RFC 4566 §5).
///
/// Peer input never traps: every malformed line becomes one of these.
public struct SDPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case empty
        case missingVersion
        case unsupportedVersion
        case malformedLine
        case missingField(Character)
        case malformedField(Character)
    }

    private let code: Code
    /// One-based line number where parsing stopped (0 when not tied to a line).
    public let line: Int
    /// The offending line, verbatim.
    public let text: String

    private init(_ code: Code, line: Int, text: String) {
        self.code = code
        self.line = line
        self.text = text
    }

    /// The body contains no lines.
    public static let empty = SDPParseError(.empty, line: 0, text: "")
    static func missingVersion(line: Int, text: String) -> SDPParseError { .init(.missingVersion, line: line, text: text) }
    static func unsupportedVersion(line: Int, text: String) -> SDPParseError {
        .init(.unsupportedVersion, line: line, text: text)
    }
    static func malformedLine(line: Int, text: String) -> SDPParseError { .init(.malformedLine, line: line, text: text) }
    static func missingField(_ type: Character) -> SDPParseError { .init(.missingField(type), line: 0, text: "") }
    static func malformedField(_ type: Character, line: Int, text: String) -> SDPParseError {
        .init(.malformedField(type), line: line, text: text)
    }

    /// True when the description lacks a mandatory `<type>=` line.
    public func isMissingField(_ type: Character) -> Bool { code == .missingField(type) }
    /// True when a `<type>=` line is present but malformed.
    public func isMalformedField(_ type: Character) -> Bool { code == .malformedField(type) }
    /// True when a line is not of the form `<type>=<value>`.
    public var isMalformedLine: Bool { code == .malformedLine }
    /// True when the first line is not `v=`.
    public var isMissingVersion: Bool { code == .missingVersion }
    /// True when `v=` is not `0`.
    public var isUnsupportedVersion: Bool { code == .unsupportedVersion }

    public var description: String {
        "SDPParseError(\(code), line \(line): \"\(text)\")"
    }
}
