/// Why a session operation could not be done.
public struct SessionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// The leg is hanging up or gone.
        case hungUp
        /// No media layer is attached to this leg.
        case noMedia
        /// The operation is not legal in the current channel or call state.
        case invalidState
    }

    public let code: Code
    public let detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }
}
