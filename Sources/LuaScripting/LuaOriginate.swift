import Foundation
import SwitchCore

/// What `freeswitch.Session(dialstring)` got from the host's originate.
public enum LuaOriginateResult: Sendable {
    /// A leg answered; the script controls it (and hangs it up at the end unless `setAutoHangup(false)`).
    case answered(any SessionContext)
    /// Nobody answered: the session object is not ready and `hangupCause()` names why.
    case failed(HangupCause)
}

/// The session object of an originate that failed (compat §4.2: "Check `:ready()`; on failure `:hangupCause()`
/// gives the reason"). It is a leg that never came up: every action fails, `hangup_cause` is the reason.
struct UnansweredLeg: SessionContext {
    let uuid: String
    let cause: HangupCause

    init(cause: HangupCause) {
        self.uuid = UUID().uuidString.lowercased()
        self.cause = cause
    }

    private var notUp: SessionError { SessionError(.hungUp, "the originated call failed: \(cause.name)") }

    func answer() async throws { throw notUp }
    func preAnswer() async throws { throw notUp }
    func ringReady() async throws { throw notUp }
    func hangup(_ cause: HangupCause) async {}
    var isHungUp: Bool { get async { true } }

    func variable(_ name: String) async -> String? {
        switch name {
        case "hangup_cause", "originate_disposition": cause.name
        case "hangup_cause_q850": String(cause.q850)
        case "uuid": uuid
        default: nil
        }
    }

    func setVariable(_ name: String, _ value: String?, origin: VariableOrigin) async {}
    func expand(_ template: String) async -> Expansion { Expansion(text: template, containsCallerText: false) }
    func callerProfile() async -> CallerProfile { CallerProfile(uuid: uuid) }
    func transfer(to destination: String, dialplan: String?, context: String?) async -> Bool { false }
    func playback(_ source: String) async throws -> PlaybackResult { throw notUp }
    func record(_ path: String, limit: Duration?) async throws -> RecordResult { throw notUp }
    func readDigits(_ request: DigitCollection) async throws -> DigitCollectionResult { throw notUp }
}
