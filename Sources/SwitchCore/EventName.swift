/// The events the core fires, named as FreeSWITCH names them in `Event-Name` (switch_event_types_t).
public enum EventName: Sendable, Hashable, CustomStringConvertible {
    case channelCreate
    case channelState
    case channelCallState
    case channelProgress
    case channelProgressMedia
    case channelAnswer
    case channelBridge
    case channelUnbridge
    case channelExecute
    case channelExecuteComplete
    case channelHangup
    case channelHangupComplete
    case channelDestroy
    case dtmf
    case backgroundJob
    case heartbeat
    /// `CUSTOM` with an `Event-Subclass` such as `conference::maintenance`.
    case custom(subclass: String)

    public var wireName: String {
        switch self {
        case .channelCreate: "CHANNEL_CREATE"
        case .channelState: "CHANNEL_STATE"
        case .channelCallState: "CHANNEL_CALLSTATE"
        case .channelProgress: "CHANNEL_PROGRESS"
        case .channelProgressMedia: "CHANNEL_PROGRESS_MEDIA"
        case .channelAnswer: "CHANNEL_ANSWER"
        case .channelBridge: "CHANNEL_BRIDGE"
        case .channelUnbridge: "CHANNEL_UNBRIDGE"
        case .channelExecute: "CHANNEL_EXECUTE"
        case .channelExecuteComplete: "CHANNEL_EXECUTE_COMPLETE"
        case .channelHangup: "CHANNEL_HANGUP"
        case .channelHangupComplete: "CHANNEL_HANGUP_COMPLETE"
        case .channelDestroy: "CHANNEL_DESTROY"
        case .dtmf: "DTMF"
        case .backgroundJob: "BACKGROUND_JOB"
        case .heartbeat: "HEARTBEAT"
        case .custom: "CUSTOM"
        }
    }

    public var description: String { wireName }

    /// Every event but `CUSTOM`.
    public static let builtIn: [EventName] = [
        .channelCreate, .channelState, .channelCallState, .channelProgress, .channelProgressMedia,
        .channelAnswer, .channelBridge, .channelUnbridge, .channelExecute, .channelExecuteComplete,
        .channelHangup, .channelHangupComplete, .channelDestroy, .dtmf, .backgroundJob, .heartbeat,
    ]

    /// Parses a non-custom event name as `event plain …` lists them. `CUSTOM` needs a subclass, so it is nil here.
    public init?(wireName: String) {
        guard let match = Self.builtIn.first(where: { $0.wireName == wireName.uppercased() }) else { return nil }
        self = match
    }
}
