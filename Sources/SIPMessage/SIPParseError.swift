/// Why a SIP message, header or URI could not be parsed. `statusCode` is what a server answers with
/// when a response can be built (400, or 513 for an oversized message, RFC 3261 §21.5.14).
public struct SIPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        case invalidStartLine
        case invalidHeader
        case invalidURI
        case missingHeader
        case invalidContentLength
        case messageTooLarge
        case tooManyHeaders
        case lineTooLong
        case truncated
        case invalidEncoding
        /// A well-formed SIP-Version other than 2.0 (RFC 3261 §8.2.2.1 answers 505).
        case versionNotSupported
    }

    public let code: Code
    public let detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    /// The response status a server should send for this error: 513 for an oversized message
    /// (RFC 3261 §21.5.14), 505 for another SIP version (§21.5.6), 400 for everything else.
    public var statusCode: Int {
        switch code {
        case .messageTooLarge: return 513
        case .versionNotSupported: return 505
        default: return 400
        }
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}
