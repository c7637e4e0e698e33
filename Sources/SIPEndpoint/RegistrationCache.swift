import Foundation
import SwitchCore
import Synchronization

/// The live bindings of every address of record, in memory: the registrar's authority, loaded from the store at
/// start and written back to it in batches by `DirectorySync` (write-behind).
///
/// Sharded by address of record; each shard is one `Mutex`. `update` reads, decides and writes one AOR's set under
/// its shard's lock, so concurrent REGISTERs of one user cannot lose bindings. Sans-IO: no storage, no clock — the
/// caller passes `now`. Nothing is called out while a lock is held except the caller's pure `decide` closure.
public final class RegistrationCache: Sendable {
    struct Shard {
        var bindings: [AddressOfRecord: [Registration]] = [:]
        /// AORs whose set changed since the last `takeChanged()`, to be written to the store.
        var changed: Set<AddressOfRecord> = []
    }

    /// A `Mutex` is not copyable, so each shard's lives in a class to be kept in an array.
    final class Lock: Sendable {
        let mutex = Mutex(Shard())

        func withLock<T>(_ body: (inout sending Shard) -> sending T) -> T {
            mutex.withLock(body)
        }
    }

    private let shards: [Lock]

    public init(shardCount: Int = 16) {
        shards = (0..<max(1, shardCount)).map { _ in Lock() }
    }

    /// Replaces the whole contents with `registrations` (as read from the store); nothing is marked changed.
    public func load(_ registrations: [Registration]) {
        var grouped: [[AddressOfRecord: [Registration]]] = Array(repeating: [:], count: shards.count)
        for registration in registrations {
            let aor = AddressOfRecord(user: registration.user, domain: registration.domain)
            grouped[index(of: aor)][aor, default: []].append(registration)
        }
        for (shard, bindings) in zip(shards, grouped) {
            shard.withLock { $0 = Shard(bindings: bindings) }
        }
    }

    /// The unexpired bindings of `aor` at `now`. Expired ones are dropped from memory on the way (the store's own
    /// copies go with its periodic purge).
    public func bindings(of aor: AddressOfRecord, now: Date) -> [Registration] {
        shards[index(of: aor)].withLock { shard in
            Self.live(of: aor, in: &shard, now: now)
        }
    }

    /// Atomically reads `aor`'s unexpired bindings at `now`, lets `decide` compute the new set (`nil`: leave it as
    /// it is) and stores it, marking the AOR changed when the set differs. `decide` runs under the shard's lock: it
    /// must be quick and pure (no storage, no locks, no logging).
    public func update(_ aor: AddressOfRecord, now: Date, _ decide: ([Registration]) -> [Registration]?) {
        shards[index(of: aor)].withLock { shard in
            let current = Self.live(of: aor, in: &shard, now: now)
            guard let next = decide(current), next != current else { return }
            shard.bindings[aor] = next.isEmpty ? nil : next
            shard.changed.insert(aor)
        }
    }

    /// The current sets of every AOR changed since the last call (an empty set means "delete"), and forgets that
    /// they changed. A failed write hands them back with `markChanged`.
    public func takeChanged() -> [AddressOfRecord: [Registration]] {
        var batch: [AddressOfRecord: [Registration]] = [:]
        for shard in shards {
            shard.withLock { shard in
                for aor in shard.changed { batch[aor] = shard.bindings[aor] ?? [] }
                shard.changed.removeAll(keepingCapacity: true)
            }
        }
        return batch
    }

    /// Marks AORs changed again (their current sets will be written by the next flush).
    public func markChanged(_ aors: some Sequence<AddressOfRecord>) {
        for aor in aors {
            _ = shards[index(of: aor)].withLock { $0.changed.insert(aor) }
        }
    }

    /// How many AORs wait to be written.
    public var changedCount: Int {
        shards.reduce(0) { sum, shard in sum + shard.withLock { $0.changed.count } }
    }

    /// Forgets the bindings of every AOR not in `users` (users removed by another process; the store deleted their
    /// rows with the user).
    public func keepOnly(users: Set<AddressOfRecord>) {
        for shard in shards {
            shard.withLock { shard in
                shard.bindings = shard.bindings.filter { users.contains($0.key) }
                shard.changed = shard.changed.filter { users.contains($0) }
            }
        }
    }

    /// Every unexpired binding at `now` (`show registrations`).
    public func all(now: Date) -> [Registration] {
        shards.flatMap { shard in
            shard.withLock { shard in
                shard.bindings.values.flatMap { bindings in bindings.filter { $0.expires > now } }
            }
        }
    }

    /// Drops every binding expired at `now` from memory; returns how many.
    @discardableResult
    public func purgeExpired(now: Date) -> Int {
        var purged = 0
        for shard in shards {
            purged += shard.withLock { shard in
                var count = 0
                for aor in Array(shard.bindings.keys) {
                    let before = shard.bindings[aor]?.count ?? 0
                    count += before - Self.live(of: aor, in: &shard, now: now).count
                }
                return count
            }
        }
        return purged
    }

    /// Number of bindings held (expired ones not yet dropped included).
    public var count: Int {
        shards.reduce(0) { sum, shard in sum + shard.withLock { $0.bindings.values.reduce(0) { $0 + $1.count } } }
    }

    private static func live(of aor: AddressOfRecord, in shard: inout Shard, now: Date) -> [Registration] {
        guard let stored = shard.bindings[aor] else { return [] }
        guard stored.contains(where: { $0.expires <= now }) else { return stored }
        let live = stored.filter { $0.expires > now }
        shard.bindings[aor] = live.isEmpty ? nil : live
        return live
    }

    private func index(of aor: AddressOfRecord) -> Int {
        Int(UInt(bitPattern: aor.hashValue) % UInt(shards.count))
    }
}
