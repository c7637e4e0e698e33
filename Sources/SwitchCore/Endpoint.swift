/// A module that creates call legs (`user`, `sofia`, `verto.rtc`, `loopback`): the dial-string prefix before
/// the first `/` selects it, and it gets the rest.
public protocol Endpoint: Sendable {
    /// The dial-string prefix this endpoint answers to, e.g. `user` for `user/1000@example.com`.
    var name: String { get }
    /// Creates an outbound leg and starts calling. Returns the leg, or the cause it failed with before a leg
    /// existed (e.g. USER_NOT_REGISTERED).
    func originate(_ request: OriginateRequest) async -> OriginateOutcome
}

public struct OriginateRequest: Sendable {
    /// The part after the endpoint prefix: `1000@example.com` for `user/1000@example.com`.
    public var destination: String
    /// Variables for the new leg (`{…}` and `[…]` dial-string blocks, exported variables).
    public var variables: ChannelVariables
    /// Caller id and context the new leg presents.
    public var callerProfile: CallerProfile
    /// How long to ring (`leg_timeout`, `call_timeout`) before failing with NO_ANSWER.
    public var timeout: Duration

    public init(destination: String, variables: ChannelVariables, callerProfile: CallerProfile, timeout: Duration) {
        self.destination = destination
        self.variables = variables
        self.callerProfile = callerProfile
        self.timeout = timeout
    }
}

public enum OriginateOutcome: Sendable {
    case session(Session)
    case failed(HangupCause)
}
