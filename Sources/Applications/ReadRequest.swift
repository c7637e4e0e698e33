import SwitchCore

/// The parsed data of `read`: `<min> <max> <sound> <var_name> <timeout_ms> <terminators> [<digit_timeout_ms>]`.
/// Only `<min>` is required. Clamped as `read_function` does: min ≥ 1, max ≥ min, timeout ≥ 1000 ms.
public struct ReadRequest: Sendable, Hashable {
    public static let usage = "<min> <max> <sound_file> <variable_name> <timeout_ms> <terminators> [<digit_timeout_ms>]"

    public var collection: DigitCollection
    public var variableName: String?

    public init(collection: DigitCollection, variableName: String?) {
        self.collection = collection
        self.variableName = variableName
    }

    public init(parsing data: String) throws(ApplicationUsageError) {
        let arguments = ApplicationArguments.split(data)
        let minimum = max(try ApplicationArguments.integer(arguments, 0, "min"), 1)
        let maximum = arguments.count > 1 ? try ApplicationArguments.integer(arguments, 1, "max") : minimum
        let timeout = arguments.count > 4 ? try ApplicationArguments.integer(arguments, 4, "timeout") : 0
        let digitTimeout = arguments.count > 6 ? try ApplicationArguments.integer(arguments, 6, "digit_timeout") : 0
        collection = DigitCollection(
            minimum: minimum,
            maximum: max(maximum, minimum),
            prompt: arguments.count > 2 ? ApplicationArguments.prompt(arguments[2]) : nil,
            timeout: .milliseconds(max(timeout, 1000)),
            terminators: ApplicationArguments.terminators(arguments.count > 5 ? arguments[5] : ""),
            interDigitTimeout: digitTimeout > 0 ? .milliseconds(digitTimeout) : nil)
        let name = arguments.count > 3 ? arguments[3] : ""
        variableName = name.isEmpty ? nil : name
    }
}
