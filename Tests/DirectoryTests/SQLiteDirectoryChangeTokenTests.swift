import Foundation
import SwitchCore
import Testing

@testable import Directory

@Suite("SQLiteDirectory change token and batched registration writes")
struct SQLiteDirectoryChangeTokenTests {
    @Test func anotherConnectionsCommitMovesTheToken() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.path("directory.sqlite")
        let server = try SQLiteDirectory(path: path)
        let cli = try SQLiteDirectory(path: path)
        try cli.addDomain("example.com")
        try cli.addUser(makeUser("alice"))

        let before = try server.changeToken()
        #expect(try server.changeToken() == before)
        var alice = makeUser("alice")
        alice.ha1MD5 = "changed"
        try cli.updateUser(alice)
        let after = try server.changeToken()
        #expect(after != before)
        #expect(try server.changeToken() == after)
    }

    @Test func ownRegistrationWritesLeaveTheTokenButOwnUserChangesMoveIt() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let server = try SQLiteDirectory(path: scratch.path("directory.sqlite"))
        try server.addDomain("example.com")
        try server.addUser(makeUser("alice"))

        let start = try server.changeToken()
        let binding = makeRegistration("alice", contact: "sip:alice@desk", expiresIn: 3600)
        try server.storeRegistrations([AddressOfRecord(user: "alice", domain: "example.com"): [binding]])
        _ = try server.purgeExpiredRegistrations(now: epoch)
        #expect(try server.changeToken() == start)

        try server.addUser(makeUser("bob"))
        #expect(try server.changeToken() != start)
    }

    @Test func inMemoryDirectoryCountsItsOwnUserChanges() throws {
        let directory = try SQLiteDirectory(inMemory: ())
        let start = try directory.changeToken()
        try directory.addDomain("example.com")
        let afterDomain = try directory.changeToken()
        #expect(afterDomain != start)
        #expect(try directory.removeUser("ghost", domain: "example.com") == false)
        #expect(try directory.changeToken() != afterDomain)
    }

    @Test func storeRegistrationsReplacesEachSetAndDeletesEmptyOnes() throws {
        let directory = try SQLiteDirectory(inMemory: ())
        try directory.addDomain("example.com")
        try directory.addUser(makeUser("alice"))
        try directory.addUser(makeUser("bob"))
        let alice = AddressOfRecord(user: "alice", domain: "example.com")
        let bob = AddressOfRecord(user: "bob", domain: "example.com")
        let desk = makeRegistration("alice", contact: "sip:alice@desk", expiresIn: 3600)
        let mobile = makeRegistration("alice", contact: "sip:alice@mobile", expiresIn: 600)
        let bobDesk = makeRegistration("bob", contact: "sip:bob@desk", expiresIn: 3600)

        try directory.storeRegistrations([alice: [desk, mobile], bob: [bobDesk]])
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch).count == 2)
        try directory.storeRegistrations([alice: [mobile], bob: []])
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch) == [mobile])
        #expect(try directory.registrations(user: "bob", domain: "example.com", now: epoch).isEmpty)
    }

    @Test func storeRegistrationsDoesNotBringBackARemovedUser() throws {
        let directory = try SQLiteDirectory(inMemory: ())
        try directory.addDomain("example.com")
        let ghost = AddressOfRecord(user: "ghost", domain: "example.com")
        try directory.storeRegistrations([ghost: [makeRegistration("ghost", contact: "sip:ghost@desk", expiresIn: 60)]])
        #expect(try directory.allRegistrations(now: epoch).isEmpty)
    }

    @Test func storeRegistrationsRejectsAForeignRegistration() throws {
        let directory = try SQLiteDirectory(inMemory: ())
        try directory.addDomain("example.com")
        try directory.addUser(makeUser("alice"))
        let alice = AddressOfRecord(user: "alice", domain: "example.com")
        let error = #expect(throws: DirectoryError.self) {
            try directory.storeRegistrations([alice: [makeRegistration("bob", contact: "sip:bob@desk", expiresIn: 60)]])
        }
        #expect(error?.code == .invalidValue)
    }
}
