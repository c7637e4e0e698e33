import Foundation
import LuaScripting
import SwitchCore

/// What scripts ask of the call engine: originate a leg from a dial string, and bridge two live legs.
extension CallExecutor {
    /// `freeswitch.Session("user/1000")`: rings the dial string like `originate` and hands the answered leg to the
    /// script (which then drives it; the leg is not routed). Caller id comes from `origination_caller_id_*`.
    func originateForScript(_ dialString: String, timeout: Duration) async -> LuaOriginateResult {
        let caller = Caller(
            name: "FreeSWITCH", number: "0000000000", context: "default", domain: environment.globals["domain"],
            codecs: [.pcmu, .pcma], tainted: false)
        var cause = HangupCause.userNotRegistered
        for group in DialString(dialString).groups {
            let legs = await ring(group, as: caller)
            guard !legs.isEmpty else { continue }
            switch await firstAnswer(legs, timeout: timeout, onRinging: {}, abandoned: { false }) {
            case .answered(let leg):
                return .answered(leg.session)
            case .failed(let c):
                cause = c
            }
        }
        return .failed(cause)
    }

    /// `freeswitch.bridge(a, b)`: relays media between the two legs (transcoding G.711 laws if needed) until
    /// either hangs up; the other leg stays up for the script to decide.
    func bridgeForScript(_ a: String, _ b: String) async {
        guard let first = await sessions.session(a), let second = await sessions.session(b),
            let firstMedia = media.withLock({ $0[a] }), let secondMedia = media.withLock({ $0[b] })
        else {
            logger.warning("freeswitch.bridge: both legs must be live calls with media", metadata: ["a": "\(a)", "b": "\(b)"])
            return
        }
        try? await first.answer()
        await relay(first, firstMedia, with: second, secondMedia)
    }
}
