import Foundation

/// All live legs by uuid, and the API commands that look at them (`show channels`, `show calls`, `uuid_kill`,
/// `hupall`, `status`). An actor: sessions are added by endpoints and removed from `Session.hangup` through
/// `SessionEnvironment.onDestroy`.
public actor SessionRegistry {
    private var sessions: [String: Session] = [:]
    private var statistics = SessionStatistics()
    private let startedAt: Date

    public init(startedAt: Date) {
        self.startedAt = startedAt
    }

    public func add(_ session: Session, at now: Date) {
        sessions[session.uuid] = session
        statistics.recordCreation(at: now, current: sessions.count)
    }

    public func remove(_ uuid: String) {
        sessions[uuid] = nil
    }

    public func session(_ uuid: String) -> Session? {
        sessions[uuid]
    }

    /// Queues `event` to the leg `uuid` (FreeSWITCH `switch_core_session_queue_event`, as the event socket's
    /// `sendevent` does for an event with a Unique-ID); false when there is no such leg.
    @discardableResult
    public func queueEvent(_ event: SwitchEvent, to uuid: String) -> Bool {
        guard let session = sessions[uuid] else { return false }
        session.queuedEvents.append(event)
        return true
    }

    public var count: Int { sessions.count }
    public var uuids: [String] { sessions.keys.sorted() }
    public var currentStatistics: SessionStatistics { statistics }

    public func snapshots() async -> [ChannelSnapshot] {
        var result: [ChannelSnapshot] = []
        for session in sessions.values {
            result.append(await session.snapshot())
        }
        return result
    }

    /// `uuid_kill <uuid> [cause]`: hangs the leg up (default MANAGER_REQUEST, as FreeSWITCH).
    /// Replies `+OK` or `-ERR No such channel!`.
    public func kill(_ arguments: String) async -> String {
        let words = arguments.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let uuid = words.first, let session = sessions[String(uuid)] else {
            return "-ERR No such channel!\n"
        }
        let cause = words.dropFirst().first.flatMap { HangupCause(parsing: String($0)) } ?? .managerRequest
        await session.hangup(cause)
        return "+OK\n"
    }

    /// `hupall [cause]`: hangs up every leg (default MANAGER_REQUEST).
    public func hangupAll(_ cause: HangupCause = .managerRequest) async -> String {
        for session in Array(sessions.values) {
            await session.hangup(cause)
        }
        return "+OK hangup all channels with cause \(cause.name)\n"
    }

    /// `show channels [count|as json]` and `show calls [count]`; other `show` topics are not ours.
    public func show(_ arguments: String, listing: ChannelListing) async -> String {
        let words = arguments.lowercased().split(separator: " ").map(String.init)
        let legs = await snapshots()
        switch (words.first, Array(words.dropFirst())) {
        case ("channels", []): return listing.channels(legs)
        case ("channels", ["count"]): return ChannelListing.count(legs.count)
        case ("channels", ["as", "json"]): return listing.channelsJSON(legs)
        case ("calls", []): return listing.calls(legs)
        case ("calls", ["count"]): return ChannelListing.count(listing.callRows(legs).count)
        default: return "-USAGE: show channels|calls [count|as json]\n"
        }
    }

    /// The `status` report at `now`.
    public func status(at now: Date, productName: String, version: String) -> StatusReport {
        let uptime = Duration.microseconds(Int64((now.timeIntervalSince(startedAt) * 1_000_000).rounded()))
        return StatusReport(
            uptime: uptime, productName: productName, version: version,
            sessionsSinceStartup: statistics.sessionsSinceStartup, currentSessions: sessions.count,
            peakSessions: statistics.peak,
            peakSessionsLastFiveMinutes: max(statistics.peakLastFiveMinutes(at: now), sessions.count),
            sessionsPerSecond: statistics.perSecond(at: now), peakSessionsPerSecond: statistics.peakPerSecond,
            peakSessionsPerSecondLastFiveMinutes: statistics.peakPerSecondLastFiveMinutes(at: now))
    }

    /// Registers `show`, `uuid_kill`, `hupall` and `status` on `commands`.
    public nonisolated func installCommands(
        into commands: inout APICommandRegistry, listing: ChannelListing, clock: any WallClock,
        productName: String, version: String
    ) {
        commands.register("show", description: "Show various reports") { [self] in
            await self.show($0, listing: listing)
        }
        commands.register("uuid_kill", description: "Kill channel") { [self] in await self.kill($0) }
        commands.register("hupall", description: "hupall") { [self] arguments in
            await self.hangupAll(HangupCause(parsing: arguments) ?? .managerRequest)
        }
        commands.register("status", description: "Show current status") { [self] _ in
            await self.status(at: clock.now(), productName: productName, version: version).text
        }
    }
}
