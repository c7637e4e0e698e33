import Foundation
import GRDB
import SwitchCore
import Testing

@testable import Directory

@Suite("SQLiteDirectory call detail records")
struct SQLiteDirectoryCallDetailRecordTests {
    private func record(uuid: String, answeredAfter: TimeInterval?, endedAfter: TimeInterval) throws -> CDRRecord {
        var variables = ChannelVariables()
        variables.set("read_codec", "PCMU")
        variables.set("write_codec", "PCMA")
        let profile = CallerProfile(
            destinationNumber: "9196", callerIDName: "Alice", callerIDNumber: "1000", networkAddress: "192.0.2.7",
            context: "default", uuid: uuid)
        let snapshot = ChannelSnapshot(
            uuid: uuid, direction: .inbound, profile: profile, channelState: .destroy, callState: .hangup,
            variables: variables, createdAt: epoch, answeredAt: answeredAfter.map(epoch.addingTimeInterval),
            hungupAt: epoch.addingTimeInterval(endedAfter), hangupCause: .normalClearing, bridgedTo: "other-leg")
        return try #require(CDRRecord(snapshot))
    }

    @Test func rowsCarryTheRecordFields() throws {
        let directory = try SQLiteDirectory(inMemory: ())
        try directory.insertCallDetailRecords([
            record(uuid: "a", answeredAfter: 2, endedAfter: 12.5), record(uuid: "b", answeredAfter: nil, endedAfter: 3),
        ])
        let rows = try directory.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM cdr ORDER BY uuid") }
        #expect(rows.count == 2)
        let answered = rows[0]
        #expect(answered["destination_number"] as String? == "9196")
        #expect(answered["caller_id_number"] as String? == "1000")
        #expect(answered["context"] as String? == "default")
        #expect(answered["direction"] as String? == "inbound")
        #expect(answered["network_addr"] as String? == "192.0.2.7")
        #expect(answered["duration"] as Int64? == 12)
        #expect(answered["billsec"] as Int64? == 10)
        #expect(answered["billmsec"] as Int64? == 10_500)
        #expect(answered["hangup_cause"] as String? == "NORMAL_CLEARING")
        #expect(answered["hangup_cause_q850"] as Int? == 16)
        #expect(answered["read_codec"] as String? == "PCMU")
        #expect(answered["write_codec"] as String? == "PCMA")
        #expect(answered["bridged_to"] as String? == "other-leg")
        #expect(answered["start_time"] as Int64? == 1_800_000_000_000)
        #expect(answered["answer_time"] as Int64? == 1_800_000_002_000)
        let unanswered = rows[1]
        #expect(unanswered["answer_time"] as Int64? == nil)
        #expect(unanswered["billsec"] as Int64? == 0)
    }

    @Test func aRecordStoredTwiceKeepsOneRow() throws {
        let directory = try SQLiteDirectory(inMemory: ())
        let first = try record(uuid: "a", answeredAfter: 1, endedAfter: 2)
        try directory.insertCallDetailRecords([first])
        try directory.insertCallDetailRecords([first, record(uuid: "b", answeredAfter: nil, endedAfter: 1)])
        let count = try directory.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cdr") }
        #expect(count == 2)
    }
}
