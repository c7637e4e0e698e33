import SwitchCore

/// Who hears that the far end ended a call leg (BYE, CANCEL, a media failure), and a cause that came before
/// anyone listened: the engine registers its listener only once the session exists, and an early CANCEL or BYE
/// must still end the call. Lives inside a leg's locked state; the listener is called after the lock.
struct RemoteHangupSignal: Sendable {
    typealias Listener = @Sendable (HangupCause) -> Void

    private var listener: Listener?
    private var unheard: HangupCause?

    /// Registers `listener`; returns the cause it must hear at once when the far end already ended the leg.
    mutating func listen(_ listener: @escaping Listener) -> HangupCause? {
        guard let cause = unheard else {
            self.listener = listener
            return nil
        }
        unheard = nil
        return cause
    }

    /// The far end ended the leg: the listener to call with `cause` (it hears once), or nil when there is none
    /// yet and the cause is kept for it.
    mutating func fire(_ cause: HangupCause) -> Listener? {
        defer { listener = nil }
        if listener == nil { unheard = cause }
        return listener
    }
}
