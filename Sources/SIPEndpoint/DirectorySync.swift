import Foundation
import Logging
import SwitchCore

/// Keeps the in-memory registrar state and the store in step, off the request path:
/// - write-behind: AORs changed in the `RegistrationCache` are written in one store transaction per flush, every
///   `FlushSchedule.interval` (10 ms by default) or as soon as `maxPending` AORs wait. Another process reading the
///   store (`switchboard user list`) therefore lags the registrar by at most one interval plus one poll interval.
/// - invalidation: the store's change token is polled every `pollInterval` (50 ms by default) and the
///   `DirectoryCache` reloaded when it moved, so a password changed by another process stops working within about
///   one poll interval (plus the reload and any flush running at that moment). Each poll is an SQLite query; at
///   5 ms they cost about 2 % of a core with nothing else going on.
///
/// The loop wakes every `tickInterval` (10 ms, the flush interval), polling the token only when it is due.
///
/// An actor, so flushes never overlap (a later snapshot is never overwritten by an earlier one). Its storage calls
/// block its executor briefly, as the registrar's per-request transactions did before.
public actor DirectorySync {
    public let pollInterval: Duration
    public let tickInterval: Duration
    private var lastPoll: ContinuousClock.Instant?
    private var schedule: FlushSchedule
    private let store: DirectoryStore
    private let registrations: RegistrationCache
    private let directory: DirectoryCache
    private let logger: Logger

    public init(
        store: DirectoryStore, registrations: RegistrationCache, directory: DirectoryCache,
        schedule: FlushSchedule = FlushSchedule(), pollInterval: Duration = .milliseconds(50),
        tickInterval: Duration = .milliseconds(10), logger: Logger
    ) {
        self.tickInterval = tickInterval
        self.store = store
        self.registrations = registrations
        self.directory = directory
        self.schedule = schedule
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// One step at `now`: reloads the directory if another process changed it (when a poll is due), then flushes if
    /// due. Returns how many AORs were written (0 when no flush was due).
    @discardableResult
    public func tick(now: ContinuousClock.Instant) throws -> Int {
        if lastPoll.map({ now - $0 >= pollInterval }) ?? true {
            lastPoll = now
            try refreshDirectory()
        }
        guard schedule.isDue(pending: registrations.changedCount, now: now) else { return 0 }
        schedule.flushed(at: now)
        return try flush()
    }

    private func refreshDirectory() throws {
        if try directory.refreshIfChanged() {
            registrations.keepOnly(users: directory.addresses)
            logger.info("directory changed: users and domains reloaded")
        }
    }

    /// Writes every changed AOR now, in one transaction; returns how many. On failure the AORs stay changed and the
    /// error is thrown.
    @discardableResult
    public func flush() throws -> Int {
        let batch = registrations.takeChanged()
        guard !batch.isEmpty else { return 0 }
        do {
            try store.storeRegistrations(batch)
        } catch {
            registrations.markChanged(batch.keys)
            throw error
        }
        return batch.count
    }

    /// Ticks every `tickInterval` until the task is cancelled, then flushes what is left.
    public func run() async {
        let clock = ContinuousClock()
        while !Task.isCancelled {
            do {
                try tick(now: clock.now)
            } catch {
                logger.error("directory sync failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: tickInterval)
        }
        do {
            let written = try flush()
            logger.info("registrations flushed", metadata: ["aors": "\(written)"])
        } catch {
            logger.error("final registration flush failed", metadata: ["error": "\(error)"])
        }
    }
}
