import GRDB
import SwitchCore

/// `changeToken()`: how a cache of users learns that another process (`switchboard user passwd`) changed the file.
///
/// SQLite's `PRAGMA data_version` changes on a connection when *another* connection commits. It is read on the
/// writer connection, so the store's own commits (the registrar's write-behind of bindings, purges) leave it alone
/// and only foreign commits count; the store's own user and domain changes are counted in process. The token is
/// a counter that moves on either, so equal tokens mean "nothing relevant changed".
extension SQLiteDirectory {
    struct ChangeTracking {
        var dataVersion: Int64?
        var token: Int64 = 0
    }

    public func changeToken() throws -> Int64 {
        let version = try writer.writeWithoutTransaction { db in
            try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
        }
        return changes.withLock { state in
            if let known = state.dataVersion, known != version { state.token += 1 }
            state.dataVersion = version
            return state.token
        }
    }

    /// Called after a user or domain change of this store has committed.
    func noteUserChange() {
        changes.withLock { $0.token += 1 }
    }
}
