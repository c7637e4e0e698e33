import Dispatch
import Foundation
import SIPMessage
import SIPStack
import SwitchCore
import Testing

@testable import SIPEndpoint

@Suite struct RegistrationCacheTests {
    static let alice = AddressOfRecord(user: "alice", domain: "example.test")
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func binding(_ contact: String, for aor: AddressOfRecord = alice, expiresIn seconds: TimeInterval = 300) -> Registration {
        Registration(
            user: aor.user, domain: aor.domain, contact: contact, expires: start.addingTimeInterval(seconds),
            callID: "c-\(contact)", cseq: 1, transport: "udp", sourceHost: "192.0.2.10", sourcePort: 5062,
            registeredAt: start)
    }

    @Test func concurrentUpdatesOfOneAddressLoseNothing() {
        let cache = RegistrationCache(shardCount: 4)
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            cache.update(Self.alice, now: Self.start) { current in current + [Self.binding("sip:alice@\(i)")] }
        }
        let contacts = Set(cache.bindings(of: Self.alice, now: Self.start).map(\.contact))
        #expect(contacts.count == 400)
        #expect(cache.takeChanged().keys.sorted { $0.user < $1.user } == [Self.alice])
    }

    @Test func expiredBindingsDisappearOnRead() {
        let cache = RegistrationCache()
        cache.load([Self.binding("sip:alice@short", expiresIn: 60), Self.binding("sip:alice@long", expiresIn: 3600)])
        #expect(cache.bindings(of: Self.alice, now: Self.start).count == 2)
        #expect(cache.bindings(of: Self.alice, now: Self.start.addingTimeInterval(60)).map(\.contact) == ["sip:alice@long"])
        #expect(cache.count == 1)
        #expect(cache.bindings(of: Self.alice, now: Self.start.addingTimeInterval(3600)).isEmpty)
        #expect(cache.count == 0)
        #expect(cache.changedCount == 0, "expiry is the store's purge's business, not a change to write")
    }

    @Test func updateSeesOnlyLiveBindingsAndAnUnchangedSetIsNotAChange() {
        let cache = RegistrationCache()
        cache.load([Self.binding("sip:alice@old", expiresIn: 10), Self.binding("sip:alice@desk")])
        var seen: [String] = []
        cache.update(Self.alice, now: Self.start.addingTimeInterval(20)) { current in
            seen = current.map(\.contact)
            return current
        }
        #expect(seen == ["sip:alice@desk"])
        #expect(cache.changedCount == 0)
        cache.update(Self.alice, now: Self.start) { _ in nil }
        #expect(cache.changedCount == 0)
        cache.update(Self.alice, now: Self.start) { _ in [] }
        #expect(cache.takeChanged() == [Self.alice: []])
        #expect(cache.changedCount == 0)
    }

    @Test func keepOnlyForgetsRemovedUsers() {
        let cache = RegistrationCache()
        let bob = AddressOfRecord(user: "bob", domain: "example.test")
        cache.update(Self.alice, now: Self.start) { _ in [Self.binding("sip:alice@desk")] }
        cache.update(bob, now: Self.start) { _ in [Self.binding("sip:bob@desk", for: bob)] }
        cache.keepOnly(users: [bob])
        #expect(cache.bindings(of: Self.alice, now: Self.start).isEmpty)
        #expect(cache.bindings(of: bob, now: Self.start).count == 1)
        #expect(cache.takeChanged().keys.map(\.user) == ["bob"])
    }

    @Test func concurrentRegistersOfOneUserKeepEveryContact() throws {
        let f = try EndpointFixture()
        let user = try #require(f.directory.user("1000", domain: EndpointFixture.domain))
        let requests = try (0..<10).map { i -> SIPRequest in
            let bytes = EndpointFixture.register(cseq: 1, callID: "phone-\(i)", contact: "<sip:1000@192.0.2.\(i):5060>")
            guard case .request(let request) = try SIPParser().parse(bytes) else { throw SIPParseError(.invalidHeader, "") }
            return request
        }
        let now = UnixTime(seconds: 1_800_000_000)
        DispatchQueue.concurrentPerform(iterations: requests.count) { i in
            _ = f.registrar.register(requests[i], user: user, from: EndpointFixture.phone, now: now)
        }
        let aor = AddressOfRecord(user: "1000", domain: EndpointFixture.domain)
        #expect(f.registrations.bindings(of: aor, now: SIPRegistrar.date(now)).count == 10)
    }
}
