import Foundation
import GRDB
import SwitchCore

/// Call detail records (the `cdr` table). Instants are milliseconds since 1970, like registrations; `duration` and
/// `billsec` are FreeSWITCH's whole-second values, `billmsec` the millisecond one.
extension SQLiteDirectory {
    public func insertCallDetailRecords(_ records: [CDRRecord]) throws {
        guard !records.isEmpty else { return }
        try writer.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO cdr (
                    uuid, direction, caller_id_name, caller_id_number, destination_number, context, network_addr,
                    start_time, answer_time, end_time, duration, billsec, billmsec, hangup_cause, hangup_cause_q850,
                    read_codec, write_codec, bridged_to
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (uuid) DO NOTHING
                """)
            for record in records {
                let arguments: [(any DatabaseValueConvertible)?] = [
                    record.uuid, record.direction.rawValue, record.callerIDName, record.callerIDNumber,
                    record.destinationNumber, record.context, record.networkAddress,
                    Self.milliseconds(record.start), record.answer.map(Self.milliseconds), Self.milliseconds(record.end),
                    record.duration, record.billsec, record.billMilliseconds, record.hangupCause.name,
                    record.hangupCause.q850, record.readCodec, record.writeCodec, record.bridgedTo,
                ]
                try insert.execute(arguments: StatementArguments(arguments))
            }
        }
    }
}
