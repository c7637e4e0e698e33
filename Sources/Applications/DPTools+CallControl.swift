import Foundation
import SwitchCore

extension DPTools {
    /// `hangup [cause]`: a cause name (`USER_BUSY`, any case) or number (`17`); default NORMAL_CLEARING.
    /// An unknown cause is logged and NORMAL_CLEARING used, so the leg still ends.
    static func hangup(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async {
        let text = data.text.trimmingCharacters(in: .whitespaces)
        var cause = HangupCause.normalClearing
        if !text.isEmpty {
            if let parsed = HangupCause(parsing: text) {
                cause = parsed
            } else {
                log(.warning, session, "hangup: unknown cause [\(text)], using NORMAL_CLEARING")
            }
        }
        await session.hangup(cause)
    }

    /// `transfer [-bleg|-both] <ext> [<dialplan> [<context>]]`. A missing dialplan or context keeps the leg's
    /// current one (the session decides). `-bleg` needs the bridged partner, which `SessionContext` does not
    /// reach: it is logged and ignored; `-both` transfers this leg only.
    static func transfer(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async {
        var arguments = ApplicationArguments.split(data.text)
        if let flag = arguments.first, flag.hasPrefix("-") {
            arguments.removeFirst()
            switch flag.lowercased() {
            case "-bleg":
                log(.error, session, "transfer: -bleg is not supported here (no access to the bridged leg)")
                return
            case "-both":
                log(.warning, session, "transfer: -both transfers this leg only")
            default:
                log(.warning, session, "transfer: unknown flag [\(flag)] ignored")
            }
        }
        guard let destination = arguments.first, !destination.isEmpty else {
            log(.error, session, "transfer: no destination. USAGE: [-bleg|-both] <ext> [<dialplan> [<context>]]")
            return
        }
        let dialplan = arguments.count > 1 ? arguments[1] : nil
        let context = arguments.count > 2 ? arguments[2] : nil
        if await !session.transfer(to: destination, dialplan: dialplan, context: context) {
            log(.warning, session, "transfer: leg cannot transfer to \(destination) now")
        }
    }

    /// `respond <code> [<reason>]`. `SessionContext` has no hook for sending an arbitrary SIP response, so the
    /// status is mapped onto what it does offer: 180 → `ringReady`, 183 → `preAnswer`, 2xx → `answer`, and
    /// 300–699 → `hangup` with the cause mod_sofia derives from that status (`HangupCause(sipStatus:)`), which the
    /// endpoint turns back into a final response. The exact code and reason phrase are therefore not preserved
    /// (e.g. 407 goes out as the CALL_REJECTED response). Other 1xx codes are logged and ignored.
    static func respond(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async throws {
        let arguments = ApplicationArguments.split(data.text)
        guard let first = arguments.first, let code = Int(first), (100...699).contains(code) else {
            log(.error, session, "respond: bad status [\(data.text)]. USAGE: <code> [<reason>]")
            return
        }
        switch code {
        case 180: try await session.ringReady()
        case 183: try await session.preAnswer()
        case 200...299: try await session.answer()
        case 300...699: await session.hangup(HangupCause(sipStatus: code))
        default: log(.warning, session, "respond: provisional \(code) has no equivalent here; ignored")
        }
    }
}
