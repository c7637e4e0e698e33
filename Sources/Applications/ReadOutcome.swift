import SwitchCore

/// `read_result` after a digit collection: FreeSWITCH's `success`, `timeout` or `failure`.
public enum ReadOutcome: String, Sendable, Hashable {
    case success
    case timeout
    case failure

    /// Success when the digit count lies within `minimum...maximum` (and a timeout did not leave it empty);
    /// timeout when the caller ran out of time with too few digits; failure otherwise (e.g. a terminator
    /// pressed before `minimum` digits).
    public init(_ result: DigitCollectionResult, minimum: Int, maximum: Int) {
        let count = result.digits.count
        if count >= minimum, count <= max(maximum, minimum), !(result.timedOut && count == 0) {
            self = .success
        } else if result.timedOut {
            self = .timeout
        } else {
            self = .failure
        }
    }
}
