extension HangupCause {
    /// The final SIP status sent when a leg that was not answered is refused with this cause.
    /// Mirrors mod_sofia `hangup_cause_to_sip`, which follows RFC 4497 §8.4.1; unlisted causes give 480.
    /// Note that FreeSWITCH sends 408 (not 480) for NO_USER_RESPONSE and 603 for CALL_REJECTED.
    public var sipStatus: Int {
        switch self {
        case .unallocatedNumber, .noRouteTransitNet, .noRouteDestination: 404
        case .userBusy: 486
        case .noUserResponse: 408
        case .noAnswer, .subscriberAbsent, .normalUnspecified: 480
        case .callRejected: 603
        case .numberChanged, .redirectionToNewDestination: 410
        case .destinationOutOfOrder, .invalidProfile: 502
        case .invalidNumberFormat, .invalidURL, .invalidGateway: 484
        case .facilityRejected: 501
        case .requestedChanUnavail, .normalCircuitCongestion, .networkOutOfOrder, .normalTemporaryFailure,
            .switchCongestion, .gatewayDown, .bearerCapabilityNotAvail:
            503
        case .outgoingCallBarred, .incomingCallBarred, .bearerCapabilityNotAuth: 403
        case .bearerCapabilityNotImpl, .incompatibleDestination: 488
        case .facilityNotImplemented, .serviceNotImplemented: 501
        case .recoveryOnTimerExpire: 504
        case .originatorCancel: 487
        case .exchangeRoutingError: 483
        case .busyEverywhere: 600
        case .decline: 603
        case .doesNotExistAnywhere: 604
        case .notAcceptable: 606
        case .unwanted: 607
        case .noIdentity: 428
        case .badIdentityInfo: 429
        case .unsupportedCertificate: 437
        case .invalidIdentity: 438
        case .staleDate: 403
        case .rejectAll: 603
        default: 480
        }
    }

    /// The cause recorded when an outbound leg gets this final SIP status.
    /// Mirrors mod_sofia `sofia_glue_sip_cause_to_freeswitch` (RFC 4497 §8.4.4); unlisted statuses give
    /// NORMAL_UNSPECIFIED.
    public init(sipStatus: Int) {
        self = Self.fromSIP[sipStatus] ?? .normalUnspecified
    }

    private static let fromSIP: [Int: HangupCause] = {
        var table: [Int: HangupCause] = [200: .normalClearing, 404: .unallocatedNumber, 410: .numberChanged,
            480: .noUserResponse, 484: .invalidNumberFormat, 487: .originatorCancel, 502: .networkOutOfOrder,
            405: .serviceUnavailable, 428: .noIdentity, 429: .badIdentityInfo, 437: .unsupportedCertificate,
            438: .invalidIdentity, 607: .unwanted]
        let groups: [([Int], HangupCause)] = [
            ([401, 402, 403, 407, 603, 608], .callRejected),
            ([485, 604], .noRouteDestination),
            ([408, 504], .recoveryOnTimerExpire),
            ([413, 414, 416, 420, 421, 423, 505, 513], .interworking),
            ([400, 481, 500, 503], .normalTemporaryFailure),
            ([486, 600], .userBusy),
            ([488, 606], .incompatibleDestination),
            ([406, 415, 501], .serviceNotImplemented),
            ([482, 483], .exchangeRoutingError),
        ]
        for (statuses, cause) in groups {
            for status in statuses { table[status] = cause }
        }
        return table
    }()
}
