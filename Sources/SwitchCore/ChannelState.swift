/// The life cycle of one call leg, after FreeSWITCH's `switch_channel_state_t` (CS_* names).
///
/// ```
///   CS_NEW ─initialize→ CS_INIT ─route→ CS_ROUTING ─execute→ CS_EXECUTE ⇄ CS_EXCHANGE_MEDIA (bridge/unbridge)
///                                          ▲                    │  ⇅ park/execute
///                                          └──── transfer ──────┤ CS_PARK
///   any of the above ─hangup→ CS_HANGUP ─report→ CS_REPORTING ─destroy→ CS_DESTROY
/// ```
public enum ChannelState: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case new
    case initial
    case routing
    case execute
    case exchangeMedia
    case park
    case hangup
    case reporting
    case destroy

    /// The FreeSWITCH spelling shown by `show channels` and in `Channel-State` event headers.
    public var name: String {
        switch self {
        case .new: "CS_NEW"
        case .initial: "CS_INIT"
        case .routing: "CS_ROUTING"
        case .execute: "CS_EXECUTE"
        case .exchangeMedia: "CS_EXCHANGE_MEDIA"
        case .park: "CS_PARK"
        case .hangup: "CS_HANGUP"
        case .reporting: "CS_REPORTING"
        case .destroy: "CS_DESTROY"
        }
    }

    /// The numeric value FreeSWITCH puts in `Channel-State-Number`.
    public var number: Int {
        switch self {
        case .new: 0
        case .initial: 1
        case .routing: 2
        case .execute: 4
        case .exchangeMedia: 5
        case .park: 6
        case .hangup: 10
        case .reporting: 11
        case .destroy: 12
        }
    }

    public var description: String { name }

    /// True once the leg is hanging up or gone: no application may run any more.
    public var isEnding: Bool {
        switch self {
        case .hangup, .reporting, .destroy: true
        case .new, .initial, .routing, .execute, .exchangeMedia, .park: false
        }
    }
}
