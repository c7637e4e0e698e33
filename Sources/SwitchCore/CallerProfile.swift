/// Who is calling whom, as FreeSWITCH's `switch_caller_profile_t`. The dialplan matches on these fields by their
/// FreeSWITCH variable names, and events carry them as `Caller-*` headers.
public struct CallerProfile: Sendable, Equatable {
    public var destinationNumber: String
    public var callerIDName: String
    public var callerIDNumber: String
    public var ani: String
    public var rdnis: String
    public var networkAddress: String
    public var context: String
    public var dialplan: String
    public var uuid: String
    public var username: String
    /// The endpoint module that created the leg (`mod_sofia`, `mod_verto`, `mod_loopback`).
    public var source: String
    /// The channel name, e.g. `sofia/internal/1000@example.com`.
    public var channelName: String

    public init(
        destinationNumber: String = "", callerIDName: String = "", callerIDNumber: String = "", ani: String = "",
        rdnis: String = "", networkAddress: String = "", context: String = "default", dialplan: String = "XML",
        uuid: String, username: String = "", source: String = "", channelName: String = ""
    ) {
        self.destinationNumber = destinationNumber
        self.callerIDName = callerIDName
        self.callerIDNumber = callerIDNumber
        self.ani = ani
        self.rdnis = rdnis
        self.networkAddress = networkAddress
        self.context = context
        self.dialplan = dialplan
        self.uuid = uuid
        self.username = username
        self.source = source
        self.channelName = channelName
    }

    /// A field by its FreeSWITCH variable name (`caller_id_number`, `destination_number` …), with its origin:
    /// numbers and names the remote party sent are `.caller`; what we decided (context, uuid …) is `.system`.
    public func field(_ name: String) -> ChannelVariable? {
        guard let entry = Self.fields.first(where: { $0.variable == name }) else { return nil }
        return ChannelVariable(value: self[keyPath: entry.keyPath], origin: entry.origin)
    }

    /// `(variable name, value)` for every field, in FreeSWITCH's order.
    public var variables: [(name: String, value: String)] {
        Self.fields.map { ($0.variable, self[keyPath: $0.keyPath]) }
    }

    /// `(Caller-* header, value)` for events, in FreeSWITCH's order (`switch_caller_profile_event_set_data`).
    public var eventHeaders: [(name: String, value: String)] {
        zip(Self.eventHeaderNames, Self.fields).map { ($0, self[keyPath: $1.keyPath]) }
    }

    private static let eventHeaderNames = fields.map { "Caller-" + $0.header }

    private struct Field: Sendable {
        let variable: String
        let header: String
        let keyPath: KeyPath<CallerProfile, String> & Sendable
        let origin: VariableOrigin
    }

    private static let fields: [Field] = [
        Field(variable: "username", header: "Username", keyPath: \.username, origin: .caller),
        Field(variable: "dialplan", header: "Dialplan", keyPath: \.dialplan, origin: .system),
        Field(variable: "caller_id_name", header: "Caller-ID-Name", keyPath: \.callerIDName, origin: .caller),
        Field(variable: "caller_id_number", header: "Caller-ID-Number", keyPath: \.callerIDNumber, origin: .caller),
        Field(variable: "network_addr", header: "Network-Addr", keyPath: \.networkAddress, origin: .system),
        Field(variable: "ani", header: "ANI", keyPath: \.ani, origin: .caller),
        Field(variable: "destination_number", header: "Destination-Number", keyPath: \.destinationNumber,
              origin: .caller),
        Field(variable: "uuid", header: "Unique-ID", keyPath: \.uuid, origin: .system),
        Field(variable: "source", header: "Source", keyPath: \.source, origin: .system),
        Field(variable: "context", header: "Context", keyPath: \.context, origin: .system),
        Field(variable: "rdnis", header: "RDNIS", keyPath: \.rdnis, origin: .caller),
        Field(variable: "chan_name", header: "Channel-Name", keyPath: \.channelName, origin: .system),
    ]
}
