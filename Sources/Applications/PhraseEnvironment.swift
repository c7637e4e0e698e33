import Phrases
import SwitchCore

/// What the `phrase` application and `playback phrase:` need from the host: the current phrase macros (the
/// server swaps them on `reloadxml`) and the applications an `execute` action may run.
public struct PhraseEnvironment: Sendable {
    /// The macros in force now.
    public var book: @Sendable () -> PhraseBook
    /// Looks up a dialplan application for `<action function="execute" data="app(args)"/>`.
    public var application: @Sendable (String) -> Application?

    /// - Parameters:
    ///   - book: the macros in force; the default has none (every macro is unknown).
    ///   - application: the application lookup; the default finds none.
    public init(
        book: @escaping @Sendable () -> PhraseBook = { PhraseBook() },
        application: @escaping @Sendable (String) -> Application? = { _ in nil }
    ) {
        self.book = book
        self.application = application
    }
}
