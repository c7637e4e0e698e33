import Foundation
import SwitchCore
import Testing

@testable import Directory

@Suite("SQLiteDirectory registrations")
struct SQLiteDirectoryRegistrationTests {
    let directory: SQLiteDirectory

    init() throws {
        directory = try SQLiteDirectory()
        try directory.addDomain("example.com")
        try directory.addUser(makeUser("alice"))
        try directory.addUser(makeUser("bob"))
    }

    @Test func registrationRoundTripsEveryField() throws {
        let registration = makeRegistration("alice", contact: "sip:alice@192.0.2.10:5062", expiresIn: 3600, qValue: 0.7)
        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: [registration])
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch) == [registration])
    }

    @Test func subMillisecondInstantsAreRoundedToMilliseconds() throws {
        var registration = makeRegistration("alice", contact: "sip:a@h", expiresIn: 60)
        registration.registeredAt = epoch.addingTimeInterval(0.123_4)
        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: [registration])
        let stored = try #require(try directory.registrations(user: "alice", domain: "example.com", now: epoch).first)
        #expect(stored.registeredAt.timeIntervalSince1970 == epoch.timeIntervalSince1970 + 0.123)
    }

    @Test func replaceSwapsTheWholeSetOfOneUserOnly() throws {
        let first = [
            makeRegistration("alice", contact: "sip:alice@desk", expiresIn: 600),
            makeRegistration("alice", contact: "sip:alice@phone", expiresIn: 600, registeredAt: epoch + 1),
        ]
        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: first)
        let bobs = [makeRegistration("bob", contact: "sip:bob@desk", expiresIn: 600)]
        try directory.replaceRegistrations(user: "bob", domain: "example.com", with: bobs)
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch) == first)

        let second = [makeRegistration("alice", contact: "sip:alice@laptop", expiresIn: 300)]
        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: second)
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch) == second)
        #expect(try directory.registrations(user: "bob", domain: "example.com", now: epoch) == bobs)

        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: [])
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch) == [])
        #expect(try directory.allRegistrations(now: epoch) == bobs)
    }

    @Test func invalidReplacementChangesNothing() throws {
        let kept = [makeRegistration("alice", contact: "sip:alice@desk", expiresIn: 600)]
        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: kept)

        let foreign = [makeRegistration("bob", contact: "sip:bob@desk", expiresIn: 600)]
        let wrongUser = #expect(throws: DirectoryError.self) {
            try directory.replaceRegistrations(user: "alice", domain: "example.com", with: foreign)
        }
        #expect(wrongUser?.code == .invalidValue)

        let twice = [
            makeRegistration("alice", contact: "sip:alice@phone", expiresIn: 600),
            makeRegistration("alice", contact: "sip:alice@phone", expiresIn: 900),
        ]
        let duplicate = #expect(throws: DirectoryError.self) {
            try directory.replaceRegistrations(user: "alice", domain: "example.com", with: twice)
        }
        #expect(duplicate?.code == .invalidValue)
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch) == kept)
    }

    @Test func expiredBindingsAreHiddenAtNow() throws {
        let short = makeRegistration("alice", contact: "sip:alice@short", expiresIn: 60)
        let long = makeRegistration("alice", contact: "sip:alice@long", expiresIn: 3600)
        try directory.replaceRegistrations(user: "alice", domain: "example.com", with: [short, long])

        // Same registration instant: ordered by contact.
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch + 59) == [long, short])
        // A binding whose expiry instant is `now` has expired (its remaining lifetime is zero).
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch + 60) == [long])
        #expect(try directory.registrations(user: "alice", domain: "example.com", now: epoch + 3600) == [])
        #expect(try directory.allRegistrations(now: epoch + 61) == [long])
    }

    @Test func allRegistrationsAreOrderedByUser() throws {
        try directory.replaceRegistrations(
            user: "bob", domain: "example.com", with: [makeRegistration("bob", contact: "sip:b@h", expiresIn: 60)])
        try directory.replaceRegistrations(
            user: "alice", domain: "example.com",
            with: [makeRegistration("alice", contact: "sip:a@h", expiresIn: 60)])
        #expect(try directory.allRegistrations(now: epoch).map(\.user) == ["alice", "bob"])
    }

    @Test func purgeDeletesOnlyExpiredBindingsAndCountsThem() throws {
        try directory.replaceRegistrations(
            user: "alice", domain: "example.com",
            with: [
                makeRegistration("alice", contact: "sip:alice@a", expiresIn: 30),
                makeRegistration("alice", contact: "sip:alice@b", expiresIn: 60),
                makeRegistration("alice", contact: "sip:alice@c", expiresIn: 120),
            ])
        try directory.replaceRegistrations(
            user: "bob", domain: "example.com", with: [makeRegistration("bob", contact: "sip:bob@a", expiresIn: 10)])

        #expect(try directory.purgeExpiredRegistrations(now: epoch) == 0)
        #expect(try directory.purgeExpiredRegistrations(now: epoch + 60) == 3)
        #expect(try directory.purgeExpiredRegistrations(now: epoch + 60) == 0)
        // Purged rows are gone even for a `now` at which they would have been live.
        #expect(try directory.allRegistrations(now: epoch).map(\.contact) == ["sip:alice@c"])
    }
}
