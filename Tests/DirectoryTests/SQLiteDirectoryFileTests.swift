import Dispatch
import Foundation
import SwitchCore
import Testing

@testable import Directory

@Suite("SQLiteDirectory on a file")
struct SQLiteDirectoryFileTests {
    @Test func openingCreatesTheParentFolders() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("nested/deeper/directory.sqlite")
        let directory = try SQLiteDirectory(path: path)
        #expect(directory.path == path)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func databaseIsInWALMode() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let directory = try SQLiteDirectory(path: scratch.path("directory.sqlite"))
        let mode = try directory.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func contentSurvivesReopening() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("directory.sqlite")
        let alice = makeUser("alice", variables: ["k": "v"])
        let binding = makeRegistration("alice", contact: "sip:alice@desk", expiresIn: 3600)
        do {
            let directory = try SQLiteDirectory(path: path)
            try directory.addDomain("example.com")
            try directory.addUser(alice)
            try directory.replaceRegistrations(user: "alice", domain: "example.com", with: [binding])
        }
        let reopened = try SQLiteDirectory(path: path)
        #expect(try reopened.domains() == ["example.com"])
        #expect(try reopened.user("alice", domain: "example.com") == alice)
        #expect(try reopened.registrations(user: "alice", domain: "example.com", now: epoch) == [binding])
    }

    @Test func twoInstancesOnOneFileSeeEachOthersWrites() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("directory.sqlite")
        let server = try SQLiteDirectory(path: path)
        let cli = try SQLiteDirectory(path: path)

        try cli.addDomain("example.com")
        try cli.addUser(makeUser("alice"))
        #expect(try server.user("alice", domain: "example.com") == makeUser("alice"))

        let binding = makeRegistration("alice", contact: "sip:alice@desk", expiresIn: 3600)
        try server.replaceRegistrations(user: "alice", domain: "example.com", with: [binding])
        #expect(try cli.allRegistrations(now: epoch) == [binding])

        let error = #expect(throws: DirectoryError.self) { try server.addUser(makeUser("alice")) }
        #expect(error?.code == .userExists)
        #expect(try cli.removeUser("alice", domain: "example.com"))
        #expect(try server.allRegistrations(now: epoch) == [])
    }

    /// Both instances write at once from several threads: SQLite serializes the writers through its file lock and
    /// the busy timeout makes each wait its turn instead of failing with SQLITE_BUSY.
    @Test func concurrentWritersOnOneFileAllSucceed() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("directory.sqlite")
        let instances = [try SQLiteDirectory(path: path), try SQLiteDirectory(path: path)]
        try instances[0].addDomain("example.com")

        let failures = FailureLog()
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            let directory = instances[index % 2]
            do {
                try directory.addUser(makeUser("user\(index)"))
                let binding = makeRegistration("user\(index)", contact: "sip:user\(index)@h", expiresIn: 60)
                try directory.replaceRegistrations(user: "user\(index)", domain: "example.com", with: [binding])
            } catch {
                failures.append("\(index): \(error)")
            }
        }
        #expect(failures.entries == [])
        #expect(try instances[1].users(domain: "example.com").count == 40)
        #expect(try instances[0].allRegistrations(now: epoch).count == 40)
    }
}

/// Collects errors from concurrent work.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    func append(_ entry: String) {
        lock.withLock { storage.append(entry) }
    }

    var entries: [String] {
        lock.withLock { storage }
    }
}
