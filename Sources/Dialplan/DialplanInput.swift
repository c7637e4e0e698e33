/// What hunting reads from the channel: caller-profile fields (compat §2.2) and channel variables.
public struct DialplanInput: Sendable, Equatable {
    /// Caller-profile fields by their FreeSWITCH names (`destination_number`, `caller_id_number`, …).
    public var callerProfile: [String: String]
    /// Channel variables, read by `${name}` in condition fields and expressions.
    public var variables: [String: String]

    /// Field names a caller profile carries (compat §2.2); a `--var` with one of these names sets the field.
    public static let callerProfileFieldNames: Set<String> = [
        "destination_number", "caller_id_name", "caller_id_number", "ani", "aniii", "rdnis", "network_addr",
        "source", "context", "dialplan", "username", "uuid", "chan_name", "callee_id_name", "callee_id_number",
        "orig_caller_id_name", "orig_caller_id_number", "transfer_source", "profile_index",
        "caller_ton", "caller_numplan", "destination_number_ton", "destination_number_numplan",
        "ani_ton", "ani_numplan", "rdnis_ton", "rdnis_numplan", "screen_bit",
        "privacy_hide_name", "privacy_hide_number", "created_time", "answered_time", "progress_time",
        "progress_media_time", "hungup_time", "transferred_time", "profile_created_time",
    ]

    public init(callerProfile: [String: String] = [:], variables: [String: String] = [:]) {
        self.callerProfile = callerProfile
        self.variables = variables
    }

    /// The common case: a destination plus optional caller id, context and variables.
    public init(
        destinationNumber: String, callerIDNumber: String = "", callerIDName: String = "",
        context: String = "default", networkAddr: String = "", username: String = "",
        variables: [String: String] = [:]
    ) {
        var profile = [
            "destination_number": destinationNumber, "context": context, "dialplan": "XML",
            "caller_id_number": callerIDNumber, "caller_id_name": callerIDName,
            "ani": callerIDNumber, "network_addr": networkAddr, "username": username,
        ]
        profile = profile.filter { !$0.value.isEmpty }
        self.init(callerProfile: profile, variables: variables)
    }

    public var destinationNumber: String { callerProfile["destination_number"] ?? "" }

    /// `switch_caller_get_field_by_name`: the caller-profile field, `nil` when unknown/unset.
    public func field(named name: String) -> String? {
        callerProfile[name]
    }
}
