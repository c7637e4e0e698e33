/// Why an `Authorization`/`Proxy-Authorization` or `WWW-Authenticate`/`Proxy-Authenticate` value could not be
/// read as Digest. Peer input never traps: every malformed value ends here.
///
/// `statusCode` is what a server answers: 400 for a malformed value (RFC 7616 §3.4 leaves the choice to the
/// server; RFC 3261 §8.2 makes it 400), 401 with a fresh challenge for an algorithm or qop this server does
/// not speak (the client may retry with one that is offered).
public struct DigestParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The scheme is not `Digest` (e.g. `Basic`, `Bearer`).
        case notDigest
        /// Syntax error: unterminated quoted string, missing `=`, missing comma, bad character.
        case malformed
        /// The value exceeds the size or parameter-count limits.
        case tooLong
        case duplicateParameter
        case missingParameter
        case unsupportedAlgorithm
        case unsupportedQop
        /// `nc` is not 8 hex digits (RFC 7616 §3.4).
        case invalidNonceCount
        /// `response` is not a hex digest of the algorithm's length.
        case invalidResponse
    }

    public let code: Code
    public let detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public var statusCode: Int {
        switch code {
        case .unsupportedAlgorithm, .unsupportedQop, .notDigest: return 401
        case .malformed, .tooLong, .duplicateParameter, .missingParameter, .invalidNonceCount, .invalidResponse: return 400
        }
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}
