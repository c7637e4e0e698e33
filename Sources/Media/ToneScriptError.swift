/// Why a tone script could not be parsed.
public struct ToneScriptError: Error, Hashable, CustomStringConvertible {
    private enum Code: Hashable { case empty, invalidTone(String), invalidSetting(String), unsupportedURL(String) }
    private let code: Code
    private init(_ code: Code) { self.code = code }

    /// The script contains no tone.
    public static let empty = ToneScriptError(.empty)
    /// A `%(…)` or frequency list is malformed.
    public static func invalidTone(_ token: String) -> ToneScriptError { ToneScriptError(.invalidTone(token)) }
    /// A `X=value` setting is unknown or its value is not a number.
    public static func invalidSetting(_ token: String) -> ToneScriptError { ToneScriptError(.invalidSetting(token)) }
    /// A URL scheme other than `tone_stream://` / `silence_stream://`.
    public static func unsupportedURL(_ url: String) -> ToneScriptError { ToneScriptError(.unsupportedURL(url)) }

    public var description: String {
        switch code {
        case .empty: "ToneScriptError: no tones"
        case .invalidTone(let token): "ToneScriptError: invalid tone '\(token)'"
        case .invalidSetting(let token): "ToneScriptError: invalid setting '\(token)'"
        case .unsupportedURL(let url): "ToneScriptError: unsupported URL '\(url)'"
        }
    }
}
