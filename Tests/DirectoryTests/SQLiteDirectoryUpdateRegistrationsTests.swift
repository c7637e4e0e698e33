import Foundation
import SwitchCore
import Testing

@testable import Directory

@Suite("SQLiteDirectory updateRegistrations (registrar's read-decide-write)")
struct SQLiteDirectoryUpdateRegistrationsTests {
    let directory: SQLiteDirectory

    init() throws {
        directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        try directory.addUser(makeUser("alice"))
    }

    @Test func updateSeesTheUserAndLiveBindingsAndStoresTheNewSet() throws {
        let old = makeRegistration("alice", contact: "sip:alice@old", expiresIn: 60)
        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: [old])
        let new = makeRegistration("alice", contact: "sip:alice@new", expiresIn: 600)
        var seen: (UserRecord?, [Registration])?
        try directory.updateRegistrations(user: "alice", domain: "example.com", now: epoch) { user, stored in
            seen = (user, stored)
            return stored + [new]
        }
        #expect(seen?.0?.id == "alice")
        #expect(seen?.1 == [old])
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch).count == 2)
    }

    @Test func nilChangesNothingAndUnknownUsersArePassedAsNil() throws {
        let old = makeRegistration("alice", contact: "sip:alice@old", expiresIn: 60)
        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: [old])
        try directory.updateRegistrations(user: "alice", domain: "example.com", now: epoch) { _, _ in nil }
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch) == [old])
        var ghost: UserRecord? = makeUser("placeholder")
        try directory.updateRegistrations(user: "ghost", domain: "example.com", now: epoch) { user, _ in
            ghost = user
            return nil
        }
        #expect(ghost == nil)
    }

    @Test func anInvalidSetIsRejectedAndNothingChanges() throws {
        let old = makeRegistration("alice", contact: "sip:alice@old", expiresIn: 60)
        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: [old])
        let twice = makeRegistration("alice", contact: "sip:alice@dup", expiresIn: 60)
        #expect(throws: DirectoryError.self) {
            try directory.updateRegistrations(user: "alice", domain: "example.com", now: epoch) { _, _ in [twice, twice] }
        }
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch) == [old])
    }
}
