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
    /// Run these applications (name and data, captures substituted) on the call.
    case execute([ApplicationCall])

    public struct ApplicationCall: Sendable, Equatable {
        public var name: String
        public var data: String

        public init(name: String, data: String) {
            self.name = name
            self.data = data
        }
    }
}

/// What the SIP endpoint asks the switch when an INVITE arrives (implemented over the XML dialplan by `Server`).
public protocol SIPCallRouter: Sendable {
    func route(_ call: IncomingCall) async -> CallRouting
}
