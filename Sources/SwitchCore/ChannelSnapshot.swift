import Foundation

/// A copy of a leg's state at one moment: what listings, events and CDRs are built from, outside the actor.
public struct ChannelSnapshot: Sendable, Equatable {
    public var uuid: String
    public var direction: CallDirection
    public var profile: CallerProfile
    /// The profile as the leg was created (`initial_*` columns), before transfers changed it.
    public var initialProfile: CallerProfile
    public var channelState: ChannelState
    public var callState: CallState
    public var variables: ChannelVariables
    public var createdAt: Date
    public var progressAt: Date?
    public var progressMediaAt: Date?
    public var answeredAt: Date?
    public var hungupAt: Date?
    public var hangupCause: HangupCause?
    public var application: String?
    public var applicationData: String?
    /// The uuid of the leg this one is bridged to.
    public var bridgedTo: String?

    public init(
        uuid: String, direction: CallDirection, profile: CallerProfile, initialProfile: CallerProfile? = nil,
        channelState: ChannelState,
        callState: CallState, variables: ChannelVariables, createdAt: Date, progressAt: Date? = nil,
        progressMediaAt: Date? = nil, answeredAt: Date? = nil, hungupAt: Date? = nil,
        hangupCause: HangupCause? = nil, application: String? = nil, applicationData: String? = nil,
        bridgedTo: String? = nil
    ) {
        self.uuid = uuid
        self.direction = direction
        self.profile = profile
        self.initialProfile = initialProfile ?? profile
        self.channelState = channelState
        self.callState = callState
        self.variables = variables
        self.createdAt = createdAt
        self.progressAt = progressAt
        self.progressMediaAt = progressMediaAt
        self.answeredAt = answeredAt
        self.hungupAt = hungupAt
        self.hangupCause = hangupCause
        self.application = application
        self.applicationData = applicationData
        self.bridgedTo = bridgedTo
    }

    /// FreeSWITCH `Answer-State`.
    public var answerState: String {
        switch callState {
        case .hangup: "hangup"
        case .active, .held: "answered"
        case .early: "early"
        case .down, .ringing: "ringing"
        }
    }
}
