import Foundation
import SwitchCore

/// The parsed data of `play_and_get_digits`:
/// `<min> <max> <tries> <timeout_ms> <terminators> <file> <invalid_file> <var_name> <regexp> [<digit_timeout_ms>]
/// ['<fail_ext> [<fail_dp> [<fail_ctx>]]']`. The first nine are required. Clamped as FreeSWITCH does:
/// min ≥ 0, max ≥ min, tries ≥ 1, timeout ≥ 1000 ms; an empty terminator list means `#`.
public struct PlayAndGetDigitsRequest: Sendable, Hashable {
    public static let usage = "<min> <max> <tries> <timeout_ms> <terminators> <file> <invalid_file> <var_name> "
        + "<regexp> [<digit_timeout_ms>] ['<failure_ext> [<failure_dialplan> [<failure_context>]]']"

    /// Where to transfer the leg when every try failed.
    public struct FailureTransfer: Sendable, Hashable {
        public var destination: String
        public var dialplan: String?
        public var context: String?
    }

    public var collection: DigitCollection
    public var tries: Int
    public var invalidPrompt: String?
    public var variableName: String
    /// The pattern the digits must match (searched, not anchored, as PCRE does in FreeSWITCH); nil accepts any.
    public var pattern: String?
    public var failureTransfer: FailureTransfer?

    public init(parsing data: String) throws(ApplicationUsageError) {
        let arguments = ApplicationArguments.split(data)
        guard arguments.count >= 9 else {
            throw ApplicationUsageError("expected at least 9 arguments, got \(arguments.count)")
        }
        let minimum = max(try ApplicationArguments.integer(arguments, 0, "min"), 0)
        let maximum = try ApplicationArguments.integer(arguments, 1, "max")
        tries = max(try ApplicationArguments.integer(arguments, 2, "tries"), 1)
        let timeout = try ApplicationArguments.integer(arguments, 3, "timeout")
        let digitTimeout = arguments.count > 9 ? try ApplicationArguments.integer(arguments, 9, "digit_timeout") : 0
        collection = DigitCollection(
            minimum: minimum, maximum: max(maximum, minimum), prompt: ApplicationArguments.prompt(arguments[5]),
            timeout: .milliseconds(max(timeout, 1000)), terminators: ApplicationArguments.terminators(arguments[4]),
            interDigitTimeout: digitTimeout > 0 ? .milliseconds(digitTimeout) : nil)
        invalidPrompt = ApplicationArguments.prompt(arguments[6])
        variableName = arguments[7]
        guard !variableName.isEmpty else { throw ApplicationUsageError("empty var_name") }
        pattern = arguments[8].isEmpty ? nil : arguments[8]
        if let pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
            throw ApplicationUsageError("invalid regexp [\(pattern)]")
        }
        failureTransfer = Self.failureTransfer(arguments.dropFirst(10).joined(separator: " "))
    }

    /// Whether a collection is good: a digit count within min…max (an empty timeout never is) that matches the
    /// pattern.
    public func accepts(_ result: DigitCollectionResult) -> Bool {
        guard ReadOutcome(result, minimum: collection.minimum, maximum: collection.maximum) == .success else {
            return false
        }
        guard let pattern else { return true }
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        let range = NSRange(result.digits.startIndex..., in: result.digits)
        return expression.firstMatch(in: result.digits, range: range) != nil
    }

    private static func failureTransfer(_ text: String) -> FailureTransfer? {
        let parts = ApplicationArguments.split(text)
        guard let destination = parts.first else { return nil }
        return FailureTransfer(
            destination: destination, dialplan: parts.count > 1 ? parts[1] : nil,
            context: parts.count > 2 ? parts[2] : nil)
    }
}
