/// Result objects of the methods the server accepts (compat §1.5). The connection adds `sessid` to every result.

/// `login` succeeded: `{"message":"logged in"}` plus optional flags (§1.3).
public struct LoginResult: Sendable, Hashable, Codable {
    public var message = "logged in"
    public var authExpires: Int?
    public var moderator: Bool?
    public var superuser: Bool?
    public var stereoAudio: Bool?

    public init(authExpires: Int? = nil, moderator: Bool? = nil, superuser: Bool? = nil, stereoAudio: Bool? = nil) {
        self.authExpires = authExpires
        self.moderator = moderator
        self.superuser = superuser
        self.stereoAudio = stereoAudio
    }

    enum CodingKeys: String, CodingKey {
        case message, moderator, superuser, stereoAudio
        case authExpires = "auth-expires"
    }
}

/// `verto.invite` accepted: `{"message":"CALL CREATED","callID":…}`.
public struct InviteResult: Sendable, Hashable, Codable {
    public var message = "CALL CREATED"
    public var callID: String

    public init(callID: String) { self.callID = callID }
}

/// `verto.bye` done: `{"callID":…,"message":"CALL ENDED","causeCode":16,"cause":"NORMAL_CLEARING"}`.
public struct ByeResult: Sendable, Hashable, Codable {
    public var callID: String
    public var message = "CALL ENDED"
    public var causeCode: Int
    public var cause: String

    public init(callID: String, causeCode: Int, cause: String) {
        self.callID = callID
        self.causeCode = causeCode
        self.cause = cause
    }
}

/// A result that is only `{"message": …}`: "SENT" (verto.info), "PONG" (verto.ping).
public struct MessageResult: Sendable, Hashable, Codable {
    public var message: String
    public var authExpires: Int?

    public init(message: String, authExpires: Int? = nil) {
        self.message = message
        self.authExpires = authExpires
    }

    enum CodingKeys: String, CodingKey { case message, authExpires = "auth-expires" }
}

/// `verto.modify` result: `callID`, `action`, and `holdState` ("held"/"active") for hold actions, `message` for
/// transfer ("CALL TRANSFERRED"), `sdp` (the answer) for updateMedia.
public struct ModifyResult: Sendable, Hashable, Codable {
    public var callID: String
    public var action: String
    public var holdState: String?
    public var message: String?
    public var sdp: String?

    public init(callID: String, action: String, holdState: String? = nil, message: String? = nil, sdp: String? = nil) {
        self.callID = callID
        self.action = action
        self.holdState = holdState
        self.message = message
        self.sdp = sdp
    }
}

/// `verto.subscribe` outcome; each list is written only when non-empty. When nothing could be subscribed,
/// the same object is the `error`.
public struct SubscribeResult: Sendable, Hashable, Codable {
    public var subscribedChannels: [String]?
    public var unauthorizedChannels: [String]?
    public var alreadySubscribedChannels: [String]?

    public init(subscribed: [String], unauthorized: [String], alreadySubscribed: [String]) {
        subscribedChannels = subscribed.isEmpty ? nil : subscribed
        unauthorizedChannels = unauthorized.isEmpty ? nil : unauthorized
        alreadySubscribedChannels = alreadySubscribed.isEmpty ? nil : alreadySubscribed
    }
}

/// `verto.unsubscribe` outcome; each list is written only when non-empty.
public struct UnsubscribeResult: Sendable, Hashable, Codable {
    public var unsubscribedChannels: [String]?
    public var notSubscribedChannels: [String]?

    public init(unsubscribed: [String], notSubscribed: [String]) {
        unsubscribedChannels = unsubscribed.isEmpty ? nil : unsubscribed
        notSubscribedChannels = notSubscribed.isEmpty ? nil : notSubscribed
    }
}
