/// The answer state of a leg as `show channels` prints it in `callstate` (FreeSWITCH `switch_channel_callstate_t`),
/// with its transitions as a pure function.
public enum CallState: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case down
    case ringing
    case early
    case active
    case held
    case hangup

    public enum Input: Sendable, Hashable, CaseIterable {
        /// 180 / `ring_ready`.
        case ring
        /// 183 with media / `pre_answer`.
        case preAnswer
        /// 200 / `answer`.
        case answer
        case hold
        case unhold
        case hangup
    }

    public var name: String {
        switch self {
        case .down: "DOWN"
        case .ringing: "RINGING"
        case .early: "EARLY"
        case .active: "ACTIVE"
        case .held: "HELD"
        case .hangup: "HANGUP"
        }
    }

    public var description: String { name }

    /// Nil when the input does not apply (e.g. ringing after answer, hold before answer).
    public static func next(from state: CallState, on input: Input) -> CallState? {
        switch (state, input) {
        case (.down, .ring): .ringing
        case (.down, .preAnswer), (.ringing, .preAnswer): .early
        case (.down, .answer), (.ringing, .answer), (.early, .answer): .active
        case (.active, .hold): .held
        case (.held, .unhold): .active
        case (.down, .hangup), (.ringing, .hangup), (.early, .hangup), (.active, .hangup), (.held, .hangup): .hangup
        default: nil
        }
    }
}
