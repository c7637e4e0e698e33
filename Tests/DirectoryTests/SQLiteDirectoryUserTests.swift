import Foundation
import SwitchCore
import Testing

@testable import Directory

@Suite("SQLiteDirectory domains and users")
struct SQLiteDirectoryUserTests {
    @Test func domainsAreListedSortedAndAddingTwiceIsHarmless() throws {
        let directory = try SQLiteDirectory()
        #expect(try directory.domains() == [])
        try directory.addDomain("example.org")
        try directory.addDomain("example.com")
        try directory.addDomain("example.org")
        #expect(try directory.domains() == ["example.com", "example.org"])
    }

    @Test(arguments: ["", "bad domain"])
    func invalidDomainNameIsRejected(name: String) throws {
        let directory = try SQLiteDirectory()
        #expect(throws: DirectoryError.self) { try directory.addDomain(name) }
        #expect(try directory.domains() == [])
    }

    @Test func addedUserReadsBackWithEveryField() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        let alice = makeUser("alice")
        try directory.addUser(alice)
        #expect(try directory.user("alice", domain: "example.com") == alice)
        #expect(try directory.user("alice", domain: "example.org") == nil)
        #expect(try directory.user("bob", domain: "example.com") == nil)
    }

    @Test func optionalFieldsRoundTripAsNil() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        let bare = UserRecord(id: "1000", domain: "example.com", ha1MD5: "a", ha1SHA256: "b", vertoHash: "c")
        try directory.addUser(bare)
        let stored = try #require(try directory.user("1000", domain: "example.com"))
        #expect(stored == bare)
        #expect(stored.displayName == nil && stored.voicemailPIN == nil && stored.callerIDNumber == nil)
        #expect(stored.context == "default")
    }

    @Test func duplicateUserThrowsUserExistsAndKeepsTheFirst() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        try directory.addUser(makeUser("alice"))
        var second = makeUser("alice")
        second.displayName = "Impostor"
        let error = #expect(throws: DirectoryError.self) { try directory.addUser(second) }
        #expect(error?.code == .userExists)
        #expect(try directory.user("alice", domain: "example.com")?.displayName == "User alice")
    }

    @Test func sameIdInAnotherDomainIsAnotherUser() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        try directory.addDomain("example.org")
        try directory.addUser(makeUser("alice", domain: "example.com"))
        try directory.addUser(makeUser("alice", domain: "example.org"))
        #expect(try directory.users(domain: nil).map { "\($0.id)@\($0.domain)" }
            == ["alice@example.com", "alice@example.org"])
    }

    @Test func userInUnknownDomainThrowsNoSuchDomain() throws {
        let directory = try SQLiteDirectory()
        let error = #expect(throws: DirectoryError.self) { try directory.addUser(makeUser("alice")) }
        #expect(error?.code == .noSuchDomain)
    }

    @Test func emptyUserIdThrowsInvalidValue() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        let error = #expect(throws: DirectoryError.self) { try directory.addUser(makeUser("")) }
        #expect(error?.code == .invalidValue)
    }

    @Test func usersAreFilteredByDomainAndSorted() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("b.example")
        try directory.addDomain("a.example")
        for (id, domain) in [("1002", "b.example"), ("1001", "b.example"), ("2000", "a.example")] {
            try directory.addUser(makeUser(id, domain: domain))
        }
        #expect(try directory.users(domain: "b.example").map(\.id) == ["1001", "1002"])
        #expect(try directory.users(domain: "a.example").map(\.id) == ["2000"])
        #expect(try directory.users(domain: "c.example") == [])
        #expect(try directory.users(domain: nil).map(\.id) == ["2000", "1001", "1002"])
    }

    @Test func updateReplacesTheRecord() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        try directory.addUser(makeUser("alice"))
        var changed = makeUser("alice", variables: ["toll_allow": "local"])
        changed.ha1MD5 = "new-md5"
        changed.displayName = nil
        changed.context = "public"
        try directory.updateUser(changed)
        #expect(try directory.user("alice", domain: "example.com") == changed)
    }

    @Test func updateOfMissingUserThrowsNoSuchUser() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        let error = #expect(throws: DirectoryError.self) { try directory.updateUser(makeUser("ghost")) }
        #expect(error?.code == .noSuchUser)
        #expect(try directory.users(domain: nil) == [])
    }

    @Test func removeUserReportsWhetherItExistedAndDropsItsRegistrations() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        try directory.addUser(makeUser("alice"))
        try directory.addUser(makeUser("bob"))
        try directory.replaceRegistrations(
            user: "alice", domain: "example.com", with: [makeRegistration("alice", contact: "sip:a@h", expiresIn: 60)])
        try directory.replaceRegistrations(
            user: "bob", domain: "example.com", with: [makeRegistration("bob", contact: "sip:b@h", expiresIn: 60)])

        #expect(try directory.removeUser("alice", domain: "example.com"))
        #expect(try directory.removeUser("alice", domain: "example.com") == false)
        #expect(try directory.user("alice", domain: "example.com") == nil)
        #expect(try directory.allRegistrations(now: epoch).map(\.user) == ["bob"])
        #expect(try directory.users(domain: nil).map(\.id) == ["bob"])
    }

    @Test func variablesRoundTrip() throws {
        let directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        let variables = [
            "toll_allow": "domestic,international",
            "effective_caller_id_name": "Ünïcödé \"quoted\" \\ back",
            "empty": "",
            "json-looking": "{\"a\": [1, 2]}",
        ]
        try directory.addUser(makeUser("alice", variables: variables))
        try directory.addUser(makeUser("bob"))
        #expect(try directory.user("alice", domain: "example.com")?.variables == variables)
        #expect(try directory.user("bob", domain: "example.com")?.variables == [:])
    }
}
