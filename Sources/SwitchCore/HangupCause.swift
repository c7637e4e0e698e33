import Foundation

/// Why a call leg ended: FreeSWITCH's `switch_cause_t` (switch_types.h), spelled as `switch_channel_cause2str`
/// prints it. Values 1–127 are ITU-T Q.850 cause values (§2.2.5); values ≥ 487 are FreeSWITCH's own causes.
public enum HangupCause: Int, Sendable, CaseIterable, CustomStringConvertible {
    case none = 0
    case unallocatedNumber = 1
    case noRouteTransitNet = 2
    case noRouteDestination = 3
    case channelUnacceptable = 6
    case callAwardedDelivered = 7
    case normalClearing = 16
    case userBusy = 17
    case noUserResponse = 18
    case noAnswer = 19
    case subscriberAbsent = 20
    case callRejected = 21
    case numberChanged = 22
    case redirectionToNewDestination = 23
    case exchangeRoutingError = 25
    case destinationOutOfOrder = 27
    case invalidNumberFormat = 28
    case facilityRejected = 29
    case responseToStatusEnquiry = 30
    case normalUnspecified = 31
    case normalCircuitCongestion = 34
    case networkOutOfOrder = 38
    case normalTemporaryFailure = 41
    case switchCongestion = 42
    case accessInfoDiscarded = 43
    case requestedChanUnavail = 44
    case preEmpted = 45
    case facilityNotSubscribed = 50
    case outgoingCallBarred = 52
    case incomingCallBarred = 54
    case bearerCapabilityNotAuth = 57
    case bearerCapabilityNotAvail = 58
    case serviceUnavailable = 63
    case bearerCapabilityNotImpl = 65
    case chanNotImplemented = 66
    case facilityNotImplemented = 69
    case serviceNotImplemented = 79
    case invalidCallReference = 81
    case incompatibleDestination = 88
    case invalidMsgUnspecified = 95
    case mandatoryIEMissing = 96
    case messageTypeNonexist = 97
    case wrongMessage = 98
    case ieNonexist = 99
    case invalidIEContents = 100
    case wrongCallState = 101
    case recoveryOnTimerExpire = 102
    case mandatoryIELengthError = 103
    case protocolError = 111
    case interworking = 127
    case success = 142
    case originatorCancel = 487
    case loseRace = 502
    case managerRequest = 503
    case blindTransfer = 600
    case attendedTransfer = 601
    case allottedTimeout = 602
    case userChallenge = 603
    case mediaTimeout = 604
    case pickedOff = 605
    case userNotRegistered = 606
    case progressTimeout = 607
    case invalidGateway = 608
    case gatewayDown = 609
    case invalidURL = 610
    case invalidProfile = 611
    case noPickup = 612
    case srtpReadError = 613
    case bowout = 614
    case busyEverywhere = 615
    case decline = 616
    case doesNotExistAnywhere = 617
    case notAcceptable = 618
    case unwanted = 619
    case noIdentity = 620
    case badIdentityInfo = 621
    case unsupportedCertificate = 622
    case invalidIdentity = 623
    case staleDate = 624
    case rejectAll = 625
    case crash = 700
    case systemShutdown = 701

    /// The cause number FreeSWITCH reports (`hangup_cause_q850`); a Q.850 value when below 128.
    public var q850: Int { rawValue }

    /// The name as FreeSWITCH spells it (`NORMAL_CLEARING`), used in events, CDRs and API output.
    public var name: String { Self.names[self] ?? "UNKNOWN" }

    public var description: String { name }

    /// Parses a cause as the `hangup` application and `uuid_kill` accept it: a name (case-insensitive)
    /// or a number (`switch_channel_str2cause`). Returns nil for anything else.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let number = Int(trimmed) {
            guard let cause = HangupCause(rawValue: number) else { return nil }
            self = cause
            return
        }
        guard let cause = Self.byName[trimmed.uppercased()] else { return nil }
        self = cause
    }

    private static let byName: [String: HangupCause] = Dictionary(
        uniqueKeysWithValues: names.map { ($0.value, $0.key) }
    )

    private static let names: [HangupCause: String] = [
        .none: "NONE", .unallocatedNumber: "UNALLOCATED_NUMBER", .noRouteTransitNet: "NO_ROUTE_TRANSIT_NET",
        .noRouteDestination: "NO_ROUTE_DESTINATION", .channelUnacceptable: "CHANNEL_UNACCEPTABLE",
        .callAwardedDelivered: "CALL_AWARDED_DELIVERED", .normalClearing: "NORMAL_CLEARING",
        .userBusy: "USER_BUSY", .noUserResponse: "NO_USER_RESPONSE", .noAnswer: "NO_ANSWER",
        .subscriberAbsent: "SUBSCRIBER_ABSENT", .callRejected: "CALL_REJECTED", .numberChanged: "NUMBER_CHANGED",
        .redirectionToNewDestination: "REDIRECTION_TO_NEW_DESTINATION",
        .exchangeRoutingError: "EXCHANGE_ROUTING_ERROR", .destinationOutOfOrder: "DESTINATION_OUT_OF_ORDER",
        .invalidNumberFormat: "INVALID_NUMBER_FORMAT", .facilityRejected: "FACILITY_REJECTED",
        .responseToStatusEnquiry: "RESPONSE_TO_STATUS_ENQUIRY", .normalUnspecified: "NORMAL_UNSPECIFIED",
        .normalCircuitCongestion: "NORMAL_CIRCUIT_CONGESTION", .networkOutOfOrder: "NETWORK_OUT_OF_ORDER",
        .normalTemporaryFailure: "NORMAL_TEMPORARY_FAILURE", .switchCongestion: "SWITCH_CONGESTION",
        .accessInfoDiscarded: "ACCESS_INFO_DISCARDED", .requestedChanUnavail: "REQUESTED_CHAN_UNAVAIL",
        .preEmpted: "PRE_EMPTED", .facilityNotSubscribed: "FACILITY_NOT_SUBSCRIBED",
        .outgoingCallBarred: "OUTGOING_CALL_BARRED", .incomingCallBarred: "INCOMING_CALL_BARRED",
        .bearerCapabilityNotAuth: "BEARERCAPABILITY_NOTAUTH", .bearerCapabilityNotAvail: "BEARERCAPABILITY_NOTAVAIL",
        .serviceUnavailable: "SERVICE_UNAVAILABLE", .bearerCapabilityNotImpl: "BEARERCAPABILITY_NOTIMPL",
        .chanNotImplemented: "CHAN_NOT_IMPLEMENTED", .facilityNotImplemented: "FACILITY_NOT_IMPLEMENTED",
        .serviceNotImplemented: "SERVICE_NOT_IMPLEMENTED", .invalidCallReference: "INVALID_CALL_REFERENCE",
        .incompatibleDestination: "INCOMPATIBLE_DESTINATION", .invalidMsgUnspecified: "INVALID_MSG_UNSPECIFIED",
        .mandatoryIEMissing: "MANDATORY_IE_MISSING", .messageTypeNonexist: "MESSAGE_TYPE_NONEXIST",
        .wrongMessage: "WRONG_MESSAGE", .ieNonexist: "IE_NONEXIST", .invalidIEContents: "INVALID_IE_CONTENTS",
        .wrongCallState: "WRONG_CALL_STATE", .recoveryOnTimerExpire: "RECOVERY_ON_TIMER_EXPIRE",
        .mandatoryIELengthError: "MANDATORY_IE_LENGTH_ERROR", .protocolError: "PROTOCOL_ERROR",
        .interworking: "INTERWORKING", .success: "SUCCESS", .originatorCancel: "ORIGINATOR_CANCEL",
        .loseRace: "LOSE_RACE", .managerRequest: "MANAGER_REQUEST", .blindTransfer: "BLIND_TRANSFER",
        .attendedTransfer: "ATTENDED_TRANSFER", .allottedTimeout: "ALLOTTED_TIMEOUT",
        .userChallenge: "USER_CHALLENGE", .mediaTimeout: "MEDIA_TIMEOUT", .pickedOff: "PICKED_OFF",
        .userNotRegistered: "USER_NOT_REGISTERED", .progressTimeout: "PROGRESS_TIMEOUT",
        .invalidGateway: "INVALID_GATEWAY", .gatewayDown: "GATEWAY_DOWN", .invalidURL: "INVALID_URL",
        .invalidProfile: "INVALID_PROFILE", .noPickup: "NO_PICKUP", .srtpReadError: "SRTP_READ_ERROR",
        .bowout: "BOWOUT", .busyEverywhere: "BUSY_EVERYWHERE", .decline: "DECLINE",
        .doesNotExistAnywhere: "DOES_NOT_EXIST_ANYWHERE", .notAcceptable: "NOT_ACCEPTABLE", .unwanted: "UNWANTED",
        .noIdentity: "NO_IDENTITY", .badIdentityInfo: "BAD_IDENTITY_INFO",
        .unsupportedCertificate: "UNSUPPORTED_CERTIFICATE", .invalidIdentity: "INVALID_IDENTITY",
        .staleDate: "STALE_DATE", .rejectAll: "REJECT_ALL", .crash: "CRASH", .systemShutdown: "SYSTEM_SHUTDOWN",
    ]
}
