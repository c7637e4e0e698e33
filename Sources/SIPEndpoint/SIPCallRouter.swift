import SwitchCore

/// A new incoming call as the switch sees it: the caller profile the dialplan hunts with.
public struct IncomingCall: Sendable {
    public var profile: CallerProfile
    /// Channel variables known before routing (e.g. `sip_from_user`, `sip_to_host`).
    public var variables: [String: String]

    public init(profile: CallerProfile, variables: [String: String]) {
        self.profile = profile
        self.variables = variables
    }
}

/// The routing decision for an incoming call.
public enum CallRouting: Sendable, Equatable {
    /// Refuse with this cause (NO_ROUTE_DESTINATION → 404, …).
    case reject(HangupCause)
    /// Run these applications on the call. Their data keeps plan text (expanded when each application runs)
    /// apart from text captured from the caller (never expanded).
    case execute([ApplicationInvocation])
}

/// What the SIP endpoint asks the switch when an INVITE arrives (implemented over the XML dialplan by `Server`).
public protocol SIPCallRouter: Sendable {
    func route(_ call: IncomingCall) async -> CallRouting

    /// Runs a routed call: creates the session over `driver` (the SIP leg) and executes the applications.
    /// Returns when the call is over.
    func run(_ call: IncomingCall, applications: [ApplicationInvocation], driver: SIPServerCall, media: any SIPMediaLeg) async
}
