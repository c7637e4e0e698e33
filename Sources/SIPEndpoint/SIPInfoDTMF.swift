import SIPMessage

/// DTMF carried in SIP INFO (not standardised; the de-facto forms FreeSWITCH and phones use):
/// `application/dtmf-relay` with `Signal=5` and `Duration=160` lines, or `application/dtmf` whose body is the digit.
enum SIPInfoDTMF {
    static let digits: Set<Character> = Set("0123456789*#ABCD")

    enum Outcome: Equatable {
        case digit(Character)
        /// Not a DTMF INFO content type (answered 415).
        case unsupportedContentType
        /// A DTMF content type without a valid digit (answered 400).
        case malformed
    }

    static func parse(contentType: String?, body: [UInt8]) -> Outcome {
        let type = (contentType ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        guard let text = String(validating: body, as: UTF8.self) else { return .malformed }
        switch type {
        case "application/dtmf-relay":
            for line in text.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "signal" else { continue }
                return digit(parts[1])
            }
            return .malformed
        case "application/dtmf":
            return digit(Substring(text))
        default:
            return .unsupportedContentType
        }
    }

    /// One DTMF character; `10` and `11` are the event codes of `*` and `#` (RFC 4733 §3.2), which some phones send.
    private static func digit(_ text: Substring) -> Outcome {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        switch value {
        case "10": return .digit("*")
        case "11": return .digit("#")
        default:
            guard value.count == 1, let character = value.first, digits.contains(character) else { return .malformed }
            return .digit(character)
        }
    }
}
