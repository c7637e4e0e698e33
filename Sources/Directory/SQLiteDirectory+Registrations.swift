import Foundation
import GRDB
import SwitchCore

/// Registrations (RFC 3261 §10.3 bindings). A binding is live while `expires > now`; the registrar passes `now`.
extension SQLiteDirectory {
    public func registrations(user: String, domain: String, now: Date) throws -> [Registration] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM registrations WHERE user_id = ? AND domain = ? AND expires > ?
                    ORDER BY registered_at, contact
                    """,
                arguments: [user, domain, Self.milliseconds(now)])
            return rows.map(Self.registration(from:))
        }
    }

    public func allRegistrations(now: Date) throws -> [Registration] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM registrations WHERE expires > ?
                    ORDER BY user_id, domain, registered_at, contact
                    """,
                arguments: [Self.milliseconds(now)])
            return rows.map(Self.registration(from:))
        }
    }

    /// Replaces every binding of `user@domain` in one write transaction. Each registration must belong to that user
    /// and the contacts must be distinct (`invalidValue` otherwise, and nothing changes).
    public func replaceRegistrations(user: String, domain: String, with registrations: [Registration]) throws {
        var contacts = Set<String>()
        for registration in registrations {
            guard registration.user == user, registration.domain == domain else {
                throw DirectoryError(
                    .invalidValue,
                    "registration of '\(registration.user)@\(registration.domain)' given for '\(user)@\(domain)'")
            }
            guard contacts.insert(registration.contact).inserted else {
                throw DirectoryError(.invalidValue, "contact '\(registration.contact)' given twice")
            }
        }
        try writer.write { db in
            try db.execute(
                sql: "DELETE FROM registrations WHERE user_id = ? AND domain = ?", arguments: [user, domain])
            for registration in registrations {
                try db.execute(sql: Self.insertRegistrationSQL, arguments: Self.arguments(for: registration))
            }
        }
    }

    /// See `DirectoryStore.updateRegistrations`. `update` runs while the write lock is held.
    public func updateRegistrations(
        user: String, domain: String, now: Date, _ update: (UserRecord?, [Registration]) throws -> [Registration]?
    ) throws {
        try writer.write { db in
            let record = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM users WHERE id = ? AND domain = ?"), arguments: [user, domain]
            ).map(UserRow.record(from:))
            let current = try Row.fetchAll(
                db.cachedStatement(sql: Self.selectLiveRegistrationsSQL),
                arguments: [user, domain, Self.milliseconds(now)]
            ).map(Self.registration(from:))
            guard let next = try update(record, current), next != current else { return }
            var contacts = Set<String>()
            for registration in next {
                guard registration.user == user, registration.domain == domain,
                    contacts.insert(registration.contact).inserted
                else {
                    throw DirectoryError(.invalidValue, "invalid registration set for '\(user)@\(domain)'")
                }
            }
            try db.cachedStatement(sql: "DELETE FROM registrations WHERE user_id = ? AND domain = ?")
                .execute(arguments: [user, domain])
            let insert = try db.cachedStatement(sql: Self.insertRegistrationSQL)
            for registration in next {
                try insert.execute(arguments: Self.arguments(for: registration))
            }
        }
    }

    /// See `DirectoryStore.storeRegistrations`: one write transaction for the whole batch.
    public func storeRegistrations(_ batch: [AddressOfRecord: [Registration]]) throws {
        for (aor, registrations) in batch {
            for registration in registrations where registration.user != aor.user || registration.domain != aor.domain {
                throw DirectoryError(
                    .invalidValue,
                    "registration of '\(registration.user)@\(registration.domain)' given for '\(aor)'")
            }
        }
        guard !batch.isEmpty else { return }
        try writer.write { db in
            let delete = try db.cachedStatement(sql: "DELETE FROM registrations WHERE user_id = ? AND domain = ?")
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM users WHERE id = ? AND domain = ?")
            let insert = try db.cachedStatement(sql: Self.insertRegistrationSQL)
            for (aor, registrations) in batch {
                try delete.execute(arguments: [aor.user, aor.domain])
                guard !registrations.isEmpty, try Int.fetchOne(exists, arguments: [aor.user, aor.domain]) != nil
                else { continue }
                for registration in registrations {
                    try insert.execute(arguments: Self.arguments(for: registration))
                }
            }
        }
    }

    private static let selectLiveRegistrationsSQL = """
        SELECT * FROM registrations WHERE user_id = ? AND domain = ? AND expires > ?
        ORDER BY registered_at, contact
        """

    public func purgeExpiredRegistrations(now: Date) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM registrations WHERE expires <= ?", arguments: [Self.milliseconds(now)])
            return db.changesCount
        }
    }

    // MARK: Row mapping

    private static let insertRegistrationSQL = """
        INSERT INTO registrations (user_id, domain, contact, expires, call_id, cseq, transport, source_host,
                                   source_port, user_agent, q, registered_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    private static func arguments(for registration: Registration) -> StatementArguments {
        [
            registration.user, registration.domain, registration.contact, milliseconds(registration.expires),
            registration.callID, Int64(registration.cseq), registration.transport, registration.sourceHost,
            registration.sourcePort, registration.userAgent, registration.qValue,
            milliseconds(registration.registeredAt),
        ]
    }

    private static func registration(from row: Row) -> Registration {
        let cseq: Int64 = row["cseq"]
        return Registration(
            user: row["user_id"], domain: row["domain"], contact: row["contact"], expires: date(row["expires"]),
            callID: row["call_id"], cseq: UInt32(clamping: cseq), transport: row["transport"],
            sourceHost: row["source_host"], sourcePort: row["source_port"], userAgent: row["user_agent"],
            qValue: row["q"], registeredAt: date(row["registered_at"]))
    }

    /// Instants are stored as whole milliseconds since 1970 (portable `BIGINT`); sub-millisecond parts are rounded.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
