/// Integers of TOML v1.0.0 §Integer: decimal with an optional sign and no leading zeros, or `0x`/`0o`/`0b` with no
/// sign; `_` may stand between two digits. Anything else that reached the value position is explained.
enum TOMLInteger {
    static func parse(_ token: String, failure: (String) -> ConfigurationError) throws -> Int {
        var body = Substring(token)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        let radix: Int
        switch body.prefix(2) {
        case "0x": radix = 16
        case "0o": radix = 8
        case "0b": radix = 2
        default: radix = 10
        }
        if radix != 10 {
            guard token.first != "+", token.first != "-" else {
                throw failure("invalid integer '\(token)': a sign is not allowed with a 0x, 0o or 0b prefix")
            }
            body = body.dropFirst(2)
        }
        guard let digits = removingUnderscores(body, radix: radix),
            radix != 10 || digits == "0" || digits.first != "0"
        else {
            throw failure(explain(token))
        }
        guard let value = Int(sign + digits, radix: radix) else {
            throw failure("integer '\(token)' is out of range")
        }
        return value
    }

    /// The digits without underscores, or nil when a non-digit appears or an underscore is not between two digits.
    private static func removingUnderscores(_ text: Substring, radix: Int) -> String? {
        var digits = ""
        var previousWasDigit = false
        for character in text {
            if character == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
            } else {
                guard let value = character.hexDigitValue, value < radix else { return nil }
                digits.append(character)
                previousWasDigit = true
            }
        }
        return previousWasDigit ? digits : nil
    }

    private static func explain(_ token: String) -> String {
        let body = token.drop { $0 == "+" || $0 == "-" }
        if ["inf", "nan"].contains(body) || (body.first?.isNumber == true && !body.hasPrefix("0x")
            && (body.contains(".") || body.contains("e") || body.contains("E")) && !body.contains(":"))
        {
            return "floats are not supported ('\(token)')"
        }
        if body.first?.isNumber == true && (body.contains(":") || body.dropFirst().contains("-")) {
            return "dates and times are not supported ('\(token)')"
        }
        if let first = token.first, first.isLetter {
            return "expected a value, found '\(token)' (strings must be quoted)"
        }
        return "invalid integer '\(token)'"
    }
}
