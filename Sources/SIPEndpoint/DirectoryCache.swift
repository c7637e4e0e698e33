import SwitchCore
import Synchronization

/// The users (HA1s) and domains of the directory, in memory, so that authenticating a REGISTER needs no storage.
///
/// Loaded whole at start and reloaded whole when the store's `changeToken()` moves — which `DirectorySync` polls
/// every few milliseconds — so a change made by another process (`switchboard user passwd|add|remove`) is seen
/// within one poll interval plus one reload. Storage is only used by `init` and `refreshIfChanged`, never while the
/// lock is held.
public final class DirectoryCache: Sendable {
    struct Contents {
        var token: Int64
        var domains: Set<String>
        var users: [AddressOfRecord: UserRecord]
    }

    private let store: DirectoryStore
    private let contents: Mutex<Contents>

    public init(store: DirectoryStore) throws {
        self.store = store
        self.contents = Mutex(try Self.read(store))
    }

    public func user(_ id: String, domain: String) -> UserRecord? {
        contents.withLock { $0.users[AddressOfRecord(user: id, domain: domain)] }
    }

    public func hasDomain(_ name: String) -> Bool {
        contents.withLock { $0.domains.contains(name) }
    }

    /// Every known user's address of record.
    public var addresses: Set<AddressOfRecord> {
        contents.withLock { Set($0.users.keys) }
    }

    /// Reloads users and domains when the store's change token differs from the one they were read under; returns
    /// whether it reloaded. The token is read before the data, so a change racing the reload moves the token again
    /// and is picked up by the next call.
    @discardableResult
    public func refreshIfChanged() throws -> Bool {
        let token = try store.changeToken()
        guard contents.withLock({ $0.token }) != token else { return false }
        let fresh = try Self.read(store, token: token)
        contents.withLock { $0 = fresh }
        return true
    }

    private static func read(_ store: DirectoryStore, token: Int64? = nil) throws -> Contents {
        let token = try token ?? store.changeToken()
        let users = try store.users(domain: nil)
        return Contents(
            token: token, domains: Set(try store.domains()),
            users: Dictionary(users.map { (AddressOfRecord(user: $0.id, domain: $0.domain), $0) }) { _, last in last })
    }
}
