import Foundation
import GRDB
import SwitchCore
import Synchronization

/// `DirectoryStore` over SQLite through GRDB.
///
/// A file-backed directory uses a `DatabasePool` in WAL mode: readers never block the writer, and writes from
/// several processes (the server and `switchboard user add`) are serialized by SQLite's file lock, which this store
/// waits on for up to `busyTimeout` instead of failing at once. Every method is synchronous and may be called from
/// any thread; callers keep them off event loops. Each mutating method is one write transaction.
public final class SQLiteDirectory: DirectoryStore {
    /// How long a write waits for another connection (or process) to release the database lock.
    public static let busyTimeout: TimeInterval = 10

    /// Path of the database file, or nil for an in-memory directory.
    public let path: String?
    let writer: any DatabaseWriter
    /// State behind `changeToken()`: the writer connection's last `data_version` and the token handed out.
    let changes = Mutex(ChangeTracking())

    /// Opens (creating if needed) the directory database at `path`, creating its parent directory, and brings its
    /// schema up to date.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        self.path = path
        self.writer = try DatabasePool(path: path, configuration: Self.configuration())
        try DirectorySchema.migrator.migrate(writer)
    }

    /// A private directory held in memory, gone when the value is released (for tests and dry runs).
    public init(inMemory: Void = ()) throws {
        self.path = nil
        self.writer = try DatabaseQueue(configuration: Self.configuration())
        try DirectorySchema.migrator.migrate(writer)
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "switchboard.directory"
        // WAL with synchronous=NORMAL: a commit survives a process crash and is synced at checkpoints, not on
        // every REGISTER (an fsync per registration would cap the registrar at the disk's sync rate).
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    // MARK: Domains

    public func domains() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM domains ORDER BY name")
        }
    }

    /// Adds a domain; adding one that exists already does nothing.
    public func addDomain(_ name: String) throws {
        try Self.validateName(name, what: "domain")
        try writer.write { db in
            guard try Self.domainExists(name, in: db) == false else { return }
            try db.execute(sql: "INSERT INTO domains (name) VALUES (?)", arguments: [name])
        }
        noteUserChange()
    }

    // MARK: Users

    public func user(_ id: String, domain: String) throws -> UserRecord? {
        try writer.read { db in
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM users WHERE id = ? AND domain = ?"), arguments: [id, domain])
            return try row.map(UserRow.record(from:))
        }
    }

    public func users(domain: String?) throws -> [UserRecord] {
        try writer.read { db in
            let rows: [Row]
            if let domain {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM users WHERE domain = ? ORDER BY id", arguments: [domain])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY domain, id")
            }
            return try rows.map(UserRow.record(from:))
        }
    }

    /// Inserts a user. Throws `userExists` when it is there already, `noSuchDomain` when its domain was never added,
    /// `invalidValue` for an empty id.
    public func addUser(_ user: UserRecord) throws {
        try Self.validateName(user.id, what: "user id")
        let arguments = try UserRow.arguments(for: user)
        do {
            try writer.write { db in
                guard try Self.domainExists(user.domain, in: db) else {
                    throw DirectoryError(.noSuchDomain, "no such domain '\(user.domain)'")
                }
                guard try Self.userExists(user.id, domain: user.domain, in: db) == false else {
                    throw DirectoryError(.userExists, "user '\(user.id)@\(user.domain)' exists already")
                }
                try db.execute(sql: UserRow.insertSQL, arguments: arguments)
            }
            noteUserChange()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            // Another process inserted the same user between our check and our insert.
            throw DirectoryError(.userExists, "user '\(user.id)@\(user.domain)' exists already")
        }
    }

    public func updateUser(_ user: UserRecord) throws {
        let arguments = try UserRow.arguments(for: user)
        try writer.write { db in
            try db.execute(sql: UserRow.updateSQL, arguments: arguments)
            guard db.changesCount > 0 else {
                throw DirectoryError(.noSuchUser, "no such user '\(user.id)@\(user.domain)'")
            }
        }
        noteUserChange()
    }

    public func removeUser(_ id: String, domain: String) throws -> Bool {
        let removed = try writer.write { db in
            try db.execute(
                sql: "DELETE FROM registrations WHERE user_id = ? AND domain = ?", arguments: [id, domain])
            try db.execute(sql: "DELETE FROM users WHERE id = ? AND domain = ?", arguments: [id, domain])
            return db.changesCount > 0
        }
        noteUserChange()
        return removed
    }

    // MARK: Shared checks

    static func validateName(_ name: String, what: String) throws {
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace }) else {
            throw DirectoryError(.invalidValue, "invalid \(what) '\(name)': empty or contains white space")
        }
    }

    private static func domainExists(_ name: String, in db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM domains WHERE name = ?", arguments: [name]) ?? 0 > 0
    }

    private static func userExists(_ id: String, domain: String, in db: Database) throws -> Bool {
        let count = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM users WHERE id = ? AND domain = ?", arguments: [id, domain])
        return count ?? 0 > 0
    }
}
