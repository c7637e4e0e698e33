import GRDB

/// The directory's SQL schema, applied in order by a `DatabaseMigrator`.
///
/// The SQL is kept portable so that a PostgreSQL store can share it (DESIGN.md, Storage): standard column types
/// (`TEXT`, `INTEGER`, `BIGINT`, `DOUBLE PRECISION`), composite primary keys, plain `CREATE INDEX`, no
/// `WITHOUT ROWID`, no `INSERT OR REPLACE`, and no column named after a reserved word (`user`, `end`).
/// Instants are stored as `BIGINT` milliseconds since 1970-01-01 UTC.
enum DirectorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-directory") { db in
            for statement in version1 {
                try db.execute(sql: statement)
            }
        }
        migrator.registerMigration("v2-cdr-fields") { db in
            for statement in version2 {
                try db.execute(sql: statement)
            }
        }
        return migrator
    }

    /// The fields a CDR row needs beyond v1: leg direction, source address, millisecond billing, Q.850 cause and
    /// the bridged leg.
    static let version2: [String] = [
        "ALTER TABLE cdr ADD COLUMN direction TEXT NOT NULL DEFAULT 'inbound'",
        "ALTER TABLE cdr ADD COLUMN network_addr TEXT",
        "ALTER TABLE cdr ADD COLUMN billmsec BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE cdr ADD COLUMN hangup_cause_q850 INTEGER",
        "ALTER TABLE cdr ADD COLUMN bridged_to TEXT",
    ]

    static let version1: [String] = [
        """
        CREATE TABLE domains (
            name TEXT NOT NULL PRIMARY KEY
        )
        """,
        """
        CREATE TABLE users (
            id TEXT NOT NULL,
            domain TEXT NOT NULL REFERENCES domains (name),
            display_name TEXT,
            ha1_md5 TEXT NOT NULL,
            ha1_sha256 TEXT NOT NULL,
            verto_hash TEXT NOT NULL,
            voicemail_pin TEXT,
            cid_name TEXT,
            cid_number TEXT,
            context TEXT NOT NULL,
            variables TEXT NOT NULL,
            PRIMARY KEY (id, domain)
        )
        """,
        // One row per binding (RFC 3261 §10.3): a binding is identified by its AOR and its Contact URI.
        """
        CREATE TABLE registrations (
            user_id TEXT NOT NULL,
            domain TEXT NOT NULL,
            contact TEXT NOT NULL,
            expires BIGINT NOT NULL,
            call_id TEXT NOT NULL,
            cseq BIGINT NOT NULL,
            transport TEXT NOT NULL,
            source_host TEXT NOT NULL,
            source_port INTEGER NOT NULL,
            user_agent TEXT,
            q DOUBLE PRECISION,
            registered_at BIGINT NOT NULL,
            PRIMARY KEY (user_id, domain, contact)
        )
        """,
        "CREATE INDEX registrations_by_user ON registrations (user_id, domain)",
        "CREATE INDEX registrations_by_expiry ON registrations (expires)",
        // Call detail records, one row per leg at hangup (v2 adds columns).
        """
        CREATE TABLE cdr (
            uuid TEXT NOT NULL PRIMARY KEY,
            caller_id_name TEXT,
            caller_id_number TEXT,
            destination_number TEXT NOT NULL,
            context TEXT NOT NULL,
            start_time BIGINT NOT NULL,
            answer_time BIGINT,
            end_time BIGINT NOT NULL,
            duration INTEGER NOT NULL,
            billsec INTEGER NOT NULL,
            hangup_cause TEXT NOT NULL,
            read_codec TEXT,
            write_codec TEXT
        )
        """,
        "CREATE INDEX cdr_by_start ON cdr (start_time)",
    ]
}
