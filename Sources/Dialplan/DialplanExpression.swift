import Foundation

/// A condition expression: a PCRE-like regular expression run with `NSRegularExpression` (ICU), the closest
/// match to PCRE available to Swift on Linux (swift-interop-notes §7).
///
/// Expressions without `${…}` are compiled once at load. FreeSWITCH variable-expands expressions before use,
/// so an expression that contains `${` is checked for syntax at load (with each reference replaced by a
/// placeholder) and compiled after expansion at hunt time.
public struct DialplanExpression: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable after init and documented as safe to share between threads.
    public let pattern: String
    private let compiled: NSRegularExpression?

    /// Whether captures are substituted into action data (FreeSWITCH: the expression contains `(`).
    public var substitutesCaptures: Bool { pattern.contains("(") }

    /// Whether the pattern depends on channel variables (`${…}`).
    public var isVariableDependent: Bool { pattern.contains("${") }

    /// Compiles `pattern`; throws the ICU failure text when the pattern is invalid.
    public init(pattern: String) throws {
        self.pattern = pattern
        if pattern.contains("${") {
            let probe = DialplanVariableExpander.expand(pattern) { _ in "x" }
            _ = try NSRegularExpression(pattern: Self.compilable(probe))
            compiled = nil
        } else {
            compiled = try NSRegularExpression(pattern: Self.compilable(pattern))
        }
    }

    /// ICU rejects an empty pattern; PCRE accepts it and matches everything (`field="x"` with no expression).
    private static func compilable(_ pattern: String) -> String {
        pattern.isEmpty ? "(?:)" : pattern
    }

    /// Matches `subject`; returns `$0…$N` (unmatched groups as "") or `nil` when there is no match.
    /// `lookup` resolves `${name}` for variable-dependent expressions; a pattern that fails to compile after
    /// expansion does not match.
    public func captures(in subject: String, lookup: (String) -> String?) -> [String]? {
        let regex: NSRegularExpression
        if let compiled {
            regex = compiled
        } else {
            let expanded = DialplanVariableExpander.expand(pattern, lookup: lookup)
            guard let dynamic = try? NSRegularExpression(pattern: Self.compilable(expanded)) else { return nil }
            regex = dynamic
        }
        let text = subject as NSString
        guard let match = regex.firstMatch(in: subject, range: NSRange(location: 0, length: text.length)) else {
            return nil
        }
        return (0..<match.numberOfRanges).map { index in
            let range = match.range(at: index)
            return range.location == NSNotFound ? "" : text.substring(with: range)
        }
    }
}
