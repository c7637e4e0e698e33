import Testing
@testable import SwitchCore

struct CallerProfileTests {
    static let profile = CallerProfile(
        destinationNumber: "9196", callerIDName: "Alice", callerIDNumber: "1000", ani: "1000", rdnis: "2000",
        networkAddress: "192.0.2.10", context: "public", dialplan: "XML", uuid: "u-1", username: "1000",
        source: "mod_sofia", channelName: "sofia/internal/1000@example.com")

    /// (FreeSWITCH variable name, value, origin)
    static let fields: [(String, String, VariableOrigin)] = [
        ("destination_number", "9196", .caller), ("caller_id_name", "Alice", .caller),
        ("caller_id_number", "1000", .caller), ("ani", "1000", .caller), ("rdnis", "2000", .caller),
        ("network_addr", "192.0.2.10", .system), ("context", "public", .system), ("dialplan", "XML", .system),
        ("uuid", "u-1", .system), ("username", "1000", .caller), ("source", "mod_sofia", .system),
        ("chan_name", "sofia/internal/1000@example.com", .system),
    ]

    @Test(arguments: fields)
    func fieldByVariableName(_ row: (String, String, VariableOrigin)) {
        #expect(Self.profile.field(row.0) == ChannelVariable(value: row.1, origin: row.2))
    }

    @Test func unknownFieldIsNil() {
        #expect(Self.profile.field("sip_to_user") == nil)
    }

    @Test func eventHeaders() {
        let headers = Dictionary(uniqueKeysWithValues: Self.profile.eventHeaders.map { ($0.name, $0.value) })
        #expect(headers["Caller-Caller-ID-Number"] == "1000")
        #expect(headers["Caller-Caller-ID-Name"] == "Alice")
        #expect(headers["Caller-Destination-Number"] == "9196")
        #expect(headers["Caller-Network-Addr"] == "192.0.2.10")
        #expect(headers["Caller-Unique-ID"] == "u-1")
        #expect(headers["Caller-Channel-Name"] == "sofia/internal/1000@example.com")
        #expect(headers["Caller-Context"] == "public")
        #expect(headers.count == 12)
    }
}
