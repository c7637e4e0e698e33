/// Application data that cannot be parsed. Applications log it and return; it never ends the call.
public struct ApplicationUsageError: Error, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
