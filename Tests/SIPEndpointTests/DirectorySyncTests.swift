import Directory
import Foundation
import Logging
import SIPStack
import SwitchCore
import Testing

@testable import SIPEndpoint

@Suite struct DirectorySyncTests {
    static let domain = "example.test"
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let t0 = ContinuousClock.Instant.now

    static func user(_ id: String, password: String) -> UserRecord {
        UserRecord(
            id: id, domain: domain,
            ha1MD5: Digest.ha1(username: id, realm: domain, password: password, algorithm: .md5),
            ha1SHA256: Digest.ha1(username: id, realm: domain, password: password, algorithm: .sha256), vertoHash: "")
    }

    static func binding(_ user: String, _ contact: String) -> Registration {
        Registration(
            user: user, domain: domain, contact: contact, expires: start.addingTimeInterval(3600), callID: "c",
            cseq: 1, transport: "udp", sourceHost: "192.0.2.10", sourcePort: 5062, registeredAt: start)
    }

    struct Setup {
        let store: SQLiteDirectory
        let registrations = RegistrationCache()
        let directory: DirectoryCache
        let sync: DirectorySync

        init(store: SQLiteDirectory, schedule: FlushSchedule = FlushSchedule()) throws {
            self.store = store
            directory = try DirectoryCache(store: store)
            sync = DirectorySync(
                store: store, registrations: registrations, directory: directory, schedule: schedule,
                logger: Logger(label: "test"))
        }

        func register(_ user: String, _ contact: String) {
            registrations.update(AddressOfRecord(user: user, domain: DirectorySyncTests.domain), now: DirectorySyncTests.start) {
                $0 + [DirectorySyncTests.binding(user, contact)]
            }
        }

        func stored() throws -> Int { try store.allRegistrations(now: DirectorySyncTests.start).count }
    }

    static func memoryStore(users: [String]) throws -> SQLiteDirectory {
        let store = try SQLiteDirectory(inMemory: ())
        try store.addDomain(domain)
        for id in users { try store.addUser(user(id, password: "pw")) }
        return store
    }

    @Test func flushScheduleWaitsForTheIntervalOrForEnoughChanges() {
        var schedule = FlushSchedule(interval: .milliseconds(100), maxPending: 3)
        #expect(schedule.isDue(pending: 1, now: Self.t0 - .seconds(1)), "never flushed yet")
        #expect(!schedule.isDue(pending: 0, now: Self.t0))
        schedule.flushed(at: Self.t0)
        #expect(!schedule.isDue(pending: 1, now: Self.t0))
        #expect(!schedule.isDue(pending: 2, now: Self.t0 + .milliseconds(99)))
        #expect(schedule.isDue(pending: 1, now: Self.t0 + .milliseconds(100)))
        #expect(schedule.isDue(pending: 3, now: Self.t0 + .milliseconds(1)))
        schedule.flushed(at: Self.t0 + .milliseconds(100))
        #expect(!schedule.isDue(pending: 0, now: Self.t0 + .seconds(10)), "nothing to write")
        #expect(!schedule.isDue(pending: 2, now: Self.t0 + .milliseconds(150)))
        #expect(schedule.isDue(pending: 2, now: Self.t0 + .milliseconds(200)))
    }

    @Test func changesAreWrittenInOneBatchWhenTheIntervalHasPassed() async throws {
        let s = try Setup(store: try Self.memoryStore(users: ["1000", "1001", "1002"]),
                          schedule: FlushSchedule(interval: .milliseconds(100), maxPending: 100))
        s.register("1000", "sip:1000@first")
        #expect(try await s.sync.tick(now: Self.t0) == 1, "the first change is written at once")
        s.register("1000", "sip:1000@a")
        s.register("1001", "sip:1001@a")
        #expect(try await s.sync.tick(now: Self.t0 + .milliseconds(50)) == 0)
        s.register("1000", "sip:1000@b")
        s.register("1002", "sip:1002@a")
        #expect(try s.stored() == 1, "nothing more written before the interval")
        #expect(try await s.sync.tick(now: Self.t0 + .milliseconds(100)) == 3)
        #expect(try s.stored() == 5)
        #expect(s.registrations.changedCount == 0)
        #expect(try await s.sync.tick(now: Self.t0 + .milliseconds(300)) == 0)
    }

    @Test func enoughPendingChangesFlushBeforeTheInterval() async throws {
        let s = try Setup(store: try Self.memoryStore(users: ["1000", "1001"]),
                          schedule: FlushSchedule(interval: .seconds(60), maxPending: 2))
        s.register("1000", "sip:1000@first")
        #expect(try await s.sync.tick(now: Self.t0) == 1)
        s.register("1000", "sip:1000@a")
        #expect(try await s.sync.tick(now: Self.t0 + .milliseconds(5)) == 0)
        s.register("1001", "sip:1001@a")
        #expect(try await s.sync.tick(now: Self.t0 + .milliseconds(10)) == 2)
        #expect(try s.stored() == 3)
    }

    @Test func finalFlushWritesEverythingAndARestartLoadsIt() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("regcache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = scratch.appendingPathComponent("directory.sqlite").path
        do {
            let store = try SQLiteDirectory(path: path)
            try store.addDomain(Self.domain)
            try store.addUser(Self.user("1000", password: "pw"))
            let s = try Setup(store: store)
            s.register("1000", "sip:1000@desk")
            #expect(try await s.sync.flush() == 1)
        }
        let restarted = RegistrationCache()
        restarted.load(try SQLiteDirectory(path: path).allRegistrations(now: Self.start))
        let aor = AddressOfRecord(user: "1000", domain: Self.domain)
        #expect(restarted.bindings(of: aor, now: Self.start).map(\.contact) == ["sip:1000@desk"])
    }

    @Test func anotherProcessChangingAPasswordIsSeenAfterTheNextTick() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("regcache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = scratch.appendingPathComponent("directory.sqlite").path
        let cli = try SQLiteDirectory(path: path)
        try cli.addDomain(Self.domain)
        try cli.addUser(Self.user("1000", password: "old"))
        try cli.addUser(Self.user("1001", password: "pw"))
        let s = try Setup(store: try SQLiteDirectory(path: path))
        s.register("1001", "sip:1001@desk")
        #expect(s.directory.user("1000", domain: Self.domain) == Self.user("1000", password: "old"))

        try cli.updateUser(Self.user("1000", password: "new"))
        #expect(s.directory.user("1000", domain: Self.domain) == Self.user("1000", password: "old"), "until the next tick")
        try await s.sync.tick(now: Self.t0)
        #expect(s.directory.user("1000", domain: Self.domain) == Self.user("1000", password: "new"))

        #expect(try cli.removeUser("1001", domain: Self.domain))
        try await s.sync.tick(now: Self.t0 + .milliseconds(5))
        #expect(s.directory.user("1001", domain: Self.domain) != nil, "no poll before pollInterval")
        try await s.sync.tick(now: Self.t0 + .milliseconds(50))
        #expect(s.directory.user("1001", domain: Self.domain) == nil)
        let removed = AddressOfRecord(user: "1001", domain: Self.domain)
        #expect(s.registrations.bindings(of: removed, now: Self.start).isEmpty)
        #expect(try await s.sync.flush() == 0)
        #expect(try cli.allRegistrations(now: Self.start).isEmpty)
    }

    @Test func ownRegistrationFlushesDoNotReloadTheUsers() async throws {
        let s = try Setup(store: try Self.memoryStore(users: ["1000"]))
        s.register("1000", "sip:1000@desk")
        #expect(try await s.sync.flush() == 1)
        #expect(try s.directory.refreshIfChanged() == false)
    }
}
