import Foundation
import GRDB
internal import CLua

/// `freeswitch.Dbh(dsn)` over SQLite (GRDB): `sqlite://name` is `<database dir>/name.db`, `sqlite:///abs/path`
/// or `sqlite://dir/file.db` a path, `sqlite://memory://x` in memory. Other DSNs (ODBC, PostgreSQL) give a handle
/// whose `connected()` is false. Queries run synchronously: SQLite answers in microseconds.
final class DatabaseHandle {
    private(set) var queue: DatabaseQueue?
    var lastError: String?
    var affectedRows = 0

    init(dsn: String, directory: String) {
        guard dsn.hasPrefix("sqlite://") else {
            lastError = "unsupported database DSN [\(dsn)]: only sqlite:// is available"
            return
        }
        let name = String(dsn.dropFirst("sqlite://".count))
        do {
            if name.hasPrefix("memory://") {
                queue = try DatabaseQueue()
            } else {
                let path = name.contains("/") ? name : directory + "/" + name + ".db"
                queue = try DatabaseQueue(path: path)
            }
        } catch {
            lastError = "\(error)"
        }
    }

    /// Runs every statement of `sql`; returns the rows of those that return rows, as column → text
    /// (NULL as "", as FreeSWITCH's callbacks see it).
    func query(_ sql: String) -> [[(String, String)]]? {
        guard let queue else { return nil }
        do {
            return try queue.writeWithoutTransaction { db in
                var rows: [[(String, String)]] = []
                let statements = try db.allStatements(sql: sql)
                while let statement = try statements.next() {
                    let cursor = try Row.fetchCursor(statement)
                    while let row = try cursor.next() {
                        rows.append(zip(row.columnNames, row.databaseValues).map { ($0, Self.text($1)) })
                    }
                }
                affectedRows = db.changesCount
                return rows
            }
        } catch {
            lastError = "\(error)"
            return nil
        }
    }

    func release() { queue = nil }

    private static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: ""
        case .int64(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }
}

extension ScriptRun {
    func databaseConstructors() -> [(String, Binding)] {
        [("Dbh", { L in
            guard let dsn = LuaStack.string(L, 1) else { return LuaStack.fail(L, "Dbh: expected a DSN") }
            let handle = DatabaseHandle(dsn: dsn, directory: self.environment.databaseDirectory)
            if let error = handle.lastError { self.log(.err, "\(self.chunkName): Dbh: \(error)") }
            self.pushObject(on: L, self.databaseMethods(handle))
            return 1
        })]
    }

    private func databaseMethods(_ handle: DatabaseHandle) -> [(String, Binding)] {
        [
            ("connected", { L in lua_pushboolean(L, handle.queue == nil ? 0 : 1); return 1 }),
            ("query", { L in self.query(L, handle) }),
            ("query_rows", { L in
                guard let sql = LuaStack.string(L, 2) else { return LuaStack.fail(L, "query_rows: expected SQL") }
                guard let rows = handle.query(sql) else {
                    lua_pushboolean(L, 0)
                    lua_createtable(L, 0, 0)
                    LuaStack.push(L, handle.lastError ?? "not connected")
                    return 3
                }
                lua_pushboolean(L, 1)
                LuaTree.array(rows.map(Self.rowTree)).push(L)
                return 2
            }),
            ("affected_rows", { L in lua_pushinteger(L, lua_Integer(handle.affectedRows)); return 1 }),
            ("last_error", { L in LuaStack.push(L, handle.lastError.map(LuaValue.string) ?? .nil); return 1 }),
            ("clear_error", { _ in handle.lastError = nil; return 0 }),
            ("release", { L in handle.release(); lua_pushboolean(L, 1); return 1 }),
            ("test_reactive", { L in
                guard let test = LuaStack.string(L, 2) else { return LuaStack.fail(L, "test_reactive: expected SQL") }
                if handle.query(test) == nil {
                    if let drop = LuaStack.string(L, 3) { _ = handle.query(drop) }
                    if let create = LuaStack.string(L, 4) { _ = handle.query(create) }
                    handle.lastError = nil
                }
                lua_pushboolean(L, handle.queue == nil ? 0 : 1)
                return 1
            }),
        ]
    }

    static func rowTree(_ row: [(String, String)]) -> LuaTree {
        .object(Dictionary(row.map { ($0.0, LuaTree.string($0.1)) }, uniquingKeysWith: { first, _ in first }))
    }

    /// `query(sql [, function(row) … end])` → true/false. A callback returning a non-zero number stops the rows.
    /// The callback runs without yielding: it must not wait.
    private func query(_ L: OpaquePointer, _ handle: DatabaseHandle) -> Int32 {
        guard let sql = LuaStack.string(L, 2) else { return LuaStack.fail(L, "query: expected SQL") }
        guard let rows = handle.query(sql) else {
            lua_pushboolean(L, 0)
            return 1
        }
        if lua_type(L, 3) == LUA_TFUNCTION {
            for row in rows {
                lua_pushvalue(L, 3)
                Self.rowTree(row).push(L)
                guard lua_pcallk(L, 1, 1, 0, 0, nil) == LUA_OK else {
                    return LuaStack.fail(L, "query callback: " + (LuaStack.value(L, -1).stringValue ?? "error"))
                }
                let stop = (LuaStack.value(L, -1).intValue ?? 0) != 0
                lua_settop(L, -2)
                if stop { break }
            }
        }
        lua_pushboolean(L, 1)
        return 1
    }
}
