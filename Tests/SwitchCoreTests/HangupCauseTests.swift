import Testing
@testable import SwitchCore

struct HangupCauseTests {
    /// (cause, FreeSWITCH name, number, SIP status for a refused INVITE) — mod_sofia `hangup_cause_to_sip`.
    static let causes: [(HangupCause, String, Int, Int)] = [
        (.unallocatedNumber, "UNALLOCATED_NUMBER", 1, 404),
        (.noRouteTransitNet, "NO_ROUTE_TRANSIT_NET", 2, 404),
        (.noRouteDestination, "NO_ROUTE_DESTINATION", 3, 404),
        (.normalClearing, "NORMAL_CLEARING", 16, 480),
        (.userBusy, "USER_BUSY", 17, 486),
        (.noUserResponse, "NO_USER_RESPONSE", 18, 408),
        (.noAnswer, "NO_ANSWER", 19, 480),
        (.subscriberAbsent, "SUBSCRIBER_ABSENT", 20, 480),
        (.callRejected, "CALL_REJECTED", 21, 603),
        (.numberChanged, "NUMBER_CHANGED", 22, 410),
        (.destinationOutOfOrder, "DESTINATION_OUT_OF_ORDER", 27, 502),
        (.invalidNumberFormat, "INVALID_NUMBER_FORMAT", 28, 484),
        (.facilityRejected, "FACILITY_REJECTED", 29, 501),
        (.normalUnspecified, "NORMAL_UNSPECIFIED", 31, 480),
        (.normalCircuitCongestion, "NORMAL_CIRCUIT_CONGESTION", 34, 503),
        (.networkOutOfOrder, "NETWORK_OUT_OF_ORDER", 38, 503),
        (.normalTemporaryFailure, "NORMAL_TEMPORARY_FAILURE", 41, 503),
        (.switchCongestion, "SWITCH_CONGESTION", 42, 503),
        (.outgoingCallBarred, "OUTGOING_CALL_BARRED", 52, 403),
        (.serviceUnavailable, "SERVICE_UNAVAILABLE", 63, 480),
        (.incompatibleDestination, "INCOMPATIBLE_DESTINATION", 88, 488),
        (.recoveryOnTimerExpire, "RECOVERY_ON_TIMER_EXPIRE", 102, 504),
        (.exchangeRoutingError, "EXCHANGE_ROUTING_ERROR", 25, 483),
        (.originatorCancel, "ORIGINATOR_CANCEL", 487, 487),
        (.loseRace, "LOSE_RACE", 502, 480),
        (.managerRequest, "MANAGER_REQUEST", 503, 480),
        (.mediaTimeout, "MEDIA_TIMEOUT", 604, 480),
        (.userNotRegistered, "USER_NOT_REGISTERED", 606, 480),
        (.gatewayDown, "GATEWAY_DOWN", 609, 503),
        (.invalidGateway, "INVALID_GATEWAY", 608, 484),
        (.busyEverywhere, "BUSY_EVERYWHERE", 615, 600),
        (.decline, "DECLINE", 616, 603),
        (.unwanted, "UNWANTED", 619, 607),
    ]

    @Test(arguments: causes)
    func nameNumberAndSIPStatus(_ row: (HangupCause, String, Int, Int)) {
        let (cause, name, number, sip) = row
        #expect(cause.name == name)
        #expect(cause.q850 == number)
        #expect(cause.sipStatus == sip)
        #expect(HangupCause(parsing: name) == cause)
        #expect(HangupCause(parsing: name.lowercased()) == cause)
        #expect(HangupCause(parsing: String(number)) == cause)
    }

    /// (SIP final status, cause) — mod_sofia `sofia_glue_sip_cause_to_freeswitch`.
    static let statuses: [(Int, HangupCause)] = [
        (200, .normalClearing), (400, .normalTemporaryFailure), (401, .callRejected), (402, .callRejected),
        (403, .callRejected), (404, .unallocatedNumber), (405, .serviceUnavailable), (406, .serviceNotImplemented),
        (407, .callRejected), (408, .recoveryOnTimerExpire), (410, .numberChanged), (413, .interworking),
        (414, .interworking), (415, .serviceNotImplemented), (416, .interworking), (420, .interworking),
        (421, .interworking), (423, .interworking), (480, .noUserResponse), (481, .normalTemporaryFailure),
        (482, .exchangeRoutingError), (483, .exchangeRoutingError), (484, .invalidNumberFormat),
        (485, .noRouteDestination), (486, .userBusy), (487, .originatorCancel), (488, .incompatibleDestination),
        (500, .normalTemporaryFailure), (501, .serviceNotImplemented), (502, .networkOutOfOrder),
        (503, .normalTemporaryFailure), (504, .recoveryOnTimerExpire), (505, .interworking), (513, .interworking),
        (600, .userBusy), (603, .callRejected), (604, .noRouteDestination), (606, .incompatibleDestination),
        (607, .unwanted), (608, .callRejected), (499, .normalUnspecified), (580, .normalUnspecified),
    ]

    @Test(arguments: statuses)
    func sipStatusToCause(_ row: (Int, HangupCause)) {
        #expect(HangupCause(sipStatus: row.0) == row.1)
    }

    @Test func everyCauseHasAUniqueName() {
        let names = HangupCause.allCases.map(\.name)
        #expect(!names.contains("UNKNOWN"))
        #expect(Set(names).count == names.count)
        for cause in HangupCause.allCases {
            #expect(HangupCause(parsing: cause.name) == cause)
        }
    }

    @Test(arguments: ["", "BOGUS", "9999", "NORMAL CLEARING"])
    func unknownTextIsNotACause(_ text: String) {
        #expect(HangupCause(parsing: text) == nil)
    }
}
