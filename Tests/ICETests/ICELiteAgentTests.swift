import Testing
@testable import ICE
import STUN

/// The ICE-lite agent (RFC 8445 §2.5, §7.3, §8.2) with consent freshness (RFC 7675), on a manual clock.
@Suite struct ICELiteAgentTests {
    static let local = ICECredentials(ufrag: "sWbd", pwd: "Tg9UTz8aFvzaxPWUOXv0vRhV")
    static let remote = ICECredentials(ufrag: "peer", pwd: "0123456789abcdefghijklmn")
    static let browser = TransportAddress("203.0.113.7:55132")!
    static let otherPath = TransportAddress("198.51.100.9:61237")!

    func makeAgent(remote: ICECredentials? = remote, software: String? = nil) -> ICELiteAgent {
        ICELiteAgent(
            configuration: .init(software: software), localCredentials: Self.local, remoteCredentials: remote,
            now: at(0))
    }

    @Test("§7.3.1.2 a valid check gets a success response: XOR-MAPPED-ADDRESS of the source, signed, fingerprinted")
    func successResponse() throws {
        var agent = makeAgent(software: "switchboard")
        let check = CheckBuilder(local: Self.local)
        let actions = agent.receive(check.bytes, from: Self.browser, now: at(1))
        #expect(actions.count == 1)
        let (response, bytes, to) = try #require(actions.sent.first)
        #expect(to == Self.browser)
        #expect(response.type == .bindingSuccessResponse)
        #expect(response.transactionID == check.transactionID)
        #expect(try response.xorMappedAddress() == Self.browser)
        #expect(try response.software() == "switchboard")
        #expect(STUNMessage.checkMessageIntegrity(bytes[...], key: Array(Self.local.pwd.utf8)) == .valid)
        #expect(STUNMessage.checkFingerprint(bytes[...]) == .valid)
        #expect(agent.isValidated(Self.browser))
        #expect(agent.selectedAddress == nil)
    }

    @Test("IPv6 source: XOR-MAPPED-ADDRESS carries the IPv6 address")
    func ipv6Source() throws {
        var agent = makeAgent()
        let source = TransportAddress("[2001:db8::7]:50000")!
        let actions = agent.receive(CheckBuilder(local: Self.local).bytes, from: source, now: at(1))
        #expect(try actions.sent.first?.0.xorMappedAddress() == source)
    }

    @Test("§7.3.1.5 USE-CANDIDATE nominates the source once; mDNS-only peers need no resolution")
    func nomination() {
        // The browser offered only `…local` host candidates; its checks come from its NAT's address.
        var agent = makeAgent()
        var check = CheckBuilder(local: Self.local)
        #expect(agent.receive(check.bytes, from: Self.browser, now: at(1)).selections.isEmpty)
        check.useCandidate = true
        #expect(agent.receive(check.bytes, from: Self.browser, now: at(1.1)).selections == [Self.browser])
        #expect(agent.selectedAddress == Self.browser)
        #expect(agent.receive(check.bytes, from: Self.browser, now: at(2)).selections.isEmpty)
    }

    @Test("a later nomination moves the selection when its pair priority is not lower")
    func renomination() {
        var agent = makeAgent()
        var check = CheckBuilder(local: Self.local)
        check.useCandidate = true
        _ = agent.receive(check.bytes, from: Self.browser, now: at(1))
        check.priority -= 1
        #expect(agent.receive(check.bytes, from: Self.otherPath, now: at(2)).selections.isEmpty)
        #expect(agent.selectedAddress == Self.browser)
        check.priority += 1
        #expect(agent.receive(check.bytes, from: Self.otherPath, now: at(3)).selections == [Self.otherPath])
    }

    @Test("a lower-priority nomination moves the selection once the selected address has gone quiet for 5 s")
    func staleSelectionMoves() {
        var agent = makeAgent()
        var check = CheckBuilder(local: Self.local)
        check.useCandidate = true
        _ = agent.receive(check.bytes, from: Self.browser, now: at(1))
        _ = agent.receive(check.bytes, from: Self.browser, now: at(3))
        check.priority -= 1000
        #expect(agent.receive(check.bytes, from: Self.otherPath, now: at(7.9)).selections.isEmpty)
        #expect(agent.receive(check.bytes, from: Self.otherPath, now: at(8)).selections == [Self.otherPath])
        #expect(agent.nextDeadline == at(38))
    }

    @Test("RFC 8489 §9.1.3: wrong password or USERNAME → 401, unsigned; missing MI or USERNAME → 400", arguments: [
        ("wrong password", 401), ("wrong local ufrag", 401), ("wrong remote ufrag", 401), ("no colon", 401),
        ("no integrity", 400), ("no username", 400),
    ])
    func authenticationFailures(kind: String, code: Int) throws {
        var agent = makeAgent()
        var check = CheckBuilder(local: Self.local)
        check.useCandidate = true
        var bytes = check.bytes
        switch kind {
        case "wrong password": check.password = "not-the-password-at-all"
        case "wrong local ufrag": check.username = "xxxx:peer"
        case "wrong remote ufrag": check.username = "sWbd:other"
        case "no colon": check.username = "sWbdpeer"
        case "no integrity": check.integrity = false
        default: break
        }
        bytes = check.bytes
        if kind == "no username" {
            bytes = STUNMessage(type: .bindingRequest, transactionID: check.transactionID, attributes: [.priority(1)])
                .serialize(messageIntegrityKey: Array(Self.local.pwd.utf8), fingerprint: true)
        }
        let actions = agent.receive(bytes, from: Self.browser, now: at(1))
        let (response, raw, _) = try #require(actions.sent.first)
        #expect(actions.count == 1)
        #expect(response.type == .bindingErrorResponse)
        #expect(try response.errorCode()?.code == code)
        #expect(STUNMessage.checkMessageIntegrity(raw[...], key: Array(Self.local.pwd.utf8)) == .absent)
        #expect(STUNMessage.checkFingerprint(raw[...]) == .valid)
        #expect(agent.selectedAddress == nil)
        #expect(!agent.isValidated(Self.browser))
    }

    @Test("§7.3.1.1 a peer claiming ICE-CONTROLLED gets 487: a lite agent is always controlled")
    func roleConflict() throws {
        var agent = makeAgent()
        var check = CheckBuilder(local: Self.local)
        check.controlling = false
        check.controlled = true
        check.useCandidate = true
        let actions = agent.receive(check.bytes, from: Self.browser, now: at(1))
        let (response, raw, _) = try #require(actions.sent.first)
        #expect(actions.selections.isEmpty)
        #expect(try response.errorCode() == .roleConflict)
        #expect(STUNMessage.checkMessageIntegrity(raw[...], key: Array(Self.local.pwd.utf8)) == .valid)
    }

    @Test("RFC 8489 §6.3.1 unknown comprehension-required attribute → 420 listing it")
    func unknownAttribute() throws {
        var agent = makeAgent()
        var check = CheckBuilder(local: Self.local)
        check.extra = [STUNAttribute(type: STUNAttributeType(rawValue: 0x0031), value: [1]),
                       STUNAttribute(type: STUNAttributeType(rawValue: 0xC057), value: [0, 1, 0, 10])]
        let (response, _, _) = try #require(agent.receive(check.bytes, from: Self.browser, now: at(1)).sent.first)
        #expect(try response.errorCode()?.code == 420)
        #expect(try response.unknownAttributes() == [STUNAttributeType(rawValue: 0x0031)])
    }

    @Test("dropped silently: garbage, bad FINGERPRINT, indications, responses; other methods → 400")
    func ignored() throws {
        var agent = makeAgent()
        #expect(agent.receive([0, 1, 2], from: Self.browser, now: at(1)).isEmpty)
        var bytes = CheckBuilder(local: Self.local).bytes
        bytes[bytes.count - 1] ^= 1
        #expect(agent.receive(bytes, from: Self.browser, now: at(1)).isEmpty)
        let indication = STUNMessage(type: .bindingIndication, transactionID: .random()).serialize(fingerprint: true)
        #expect(agent.receive(indication, from: Self.browser, now: at(1)).isEmpty)
        let response = STUNMessage(type: .bindingSuccessResponse, transactionID: .random()).serialize()
        #expect(agent.receive(response, from: Self.browser, now: at(1)).isEmpty)
        let allocate = STUNMessage(type: STUNMessageType(method: STUNMethod(rawValue: 3), messageClass: .request),
                                   transactionID: .random()).serialize(fingerprint: true)
        let (reply, _, _) = try #require(agent.receive(allocate, from: Self.browser, now: at(1)).sent.first)
        #expect(try reply.errorCode()?.code == 400)
    }

    @Test("checks before the peer's credentials are known are answered (only our half of USERNAME is checked)")
    func unknownRemoteCredentials() {
        var agent = makeAgent(remote: nil)
        let actions = agent.receive(CheckBuilder(local: Self.local, remoteUfrag: "anything").bytes, from: Self.browser, now: at(1))
        #expect(actions.sent.first?.0.type == .bindingSuccessResponse)
    }

    // MARK: Consent freshness (RFC 7675)

    @Test("RFC 7675 §5.1: checks every 5 s keep consent; 30 s of silence after the last one expires it")
    func consentExpiry() {
        var agent = makeAgent()
        var check = CheckBuilder(local: Self.local)
        check.useCandidate = true
        _ = agent.receive(check.bytes, from: Self.browser, now: at(1))
        check.useCandidate = false
        for second in stride(from: 5.0, through: 20.0, by: 5.0) {
            _ = agent.receive(check.bytes, from: Self.browser, now: at(second))
            #expect(agent.handleTimer(now: at(second + 0.5)).isEmpty)
        }
        #expect(agent.nextDeadline == at(50))
        #expect(agent.handleTimer(now: at(49.999)).isEmpty)
        #expect(agent.handleTimer(now: at(50)) == [.consentExpired])
        #expect(agent.selectedAddress == nil)
        #expect(agent.nextDeadline == nil)
        #expect(agent.handleTimer(now: at(100)).isEmpty)
    }

    @Test("no check at all: consent (ICE) times out 30 s after the agent started")
    func noChecks() {
        var agent = makeAgent()
        #expect(agent.nextDeadline == at(30))
        #expect(agent.handleTimer(now: at(29)).isEmpty)
        #expect(agent.handleTimer(now: at(30)) == [.consentExpired])
    }

    @Test("checks from another address do not refresh the selected address's consent")
    func consentIsPerAddress() {
        var agent = makeAgent()
        var check = CheckBuilder(local: Self.local)
        check.useCandidate = true
        _ = agent.receive(check.bytes, from: Self.browser, now: at(0))
        check.useCandidate = false
        check.priority = 1
        _ = agent.receive(check.bytes, from: Self.otherPath, now: at(20))
        #expect(agent.nextDeadline == at(30))
        #expect(agent.handleTimer(now: at(30)) == [.consentExpired])
    }

    @Test("after expiry a new nomination revives the agent and restarts the consent clock")
    func revival() {
        var agent = makeAgent()
        #expect(agent.handleTimer(now: at(30)) == [.consentExpired])
        var check = CheckBuilder(local: Self.local)
        _ = agent.receive(check.bytes, from: Self.browser, now: at(31))
        #expect(agent.nextDeadline == nil)
        check.useCandidate = true
        #expect(agent.receive(check.bytes, from: Self.browser, now: at(32)).selections == [Self.browser])
        #expect(agent.nextDeadline == at(62))
    }

    // MARK: ICE restart (RFC 8445 §9)

    @Test("§9 restart: new remote credentials → new local ones; both generations answered until the new one is used")
    func remoteRestart() throws {
        var agent = makeAgent()
        var generator = SeededGenerator(state: 42)
        var check = CheckBuilder(local: Self.local)
        check.useCandidate = true
        _ = agent.receive(check.bytes, from: Self.browser, now: at(1))

        #expect(agent.setRemoteCredentials(Self.remote, using: &generator) == false)
        let newRemote = ICECredentials(ufrag: "peer2", pwd: "zyxwvutsrqponmlkjihgfedcba")
        #expect(agent.setRemoteCredentials(newRemote, using: &generator) == true)
        let newLocal = agent.localCredentials
        #expect(newLocal != Self.local)
        #expect(newLocal.isValid)
        #expect(agent.selectedAddress == Self.browser)

        // The browser's consent checks with the old generation still work while it applies our answer.
        let old = agent.receive(check.bytes, from: Self.browser, now: at(2))
        #expect(old.sent.first?.0.type == .bindingSuccessResponse)
        #expect(STUNMessage.checkMessageIntegrity(old.sent[0].1[...], key: Array(Self.local.pwd.utf8)) == .valid)

        var fresh = CheckBuilder(local: newLocal, remoteUfrag: "peer2")
        fresh.useCandidate = true
        let new = agent.receive(fresh.bytes, from: Self.browser, now: at(3))
        #expect(new.sent.first?.0.type == .bindingSuccessResponse)
        #expect(STUNMessage.checkMessageIntegrity(new.sent[0].1[...], key: Array(newLocal.pwd.utf8)) == .valid)
        #expect(new.selections.isEmpty)

        // Once the new generation is in use, the old one is gone.
        #expect(try agent.receive(check.bytes, from: Self.browser, now: at(4)).sent.first?.0.errorCode()?.code == 401)
        #expect(agent.nextDeadline == at(33))
    }

    @Test("§9 restart from our side: new local credentials now; the peer's answer does not restart again")
    func localRestart() {
        var agent = makeAgent()
        var generator = SeededGenerator(state: 7)
        agent.restart(using: &generator)
        let restarted = agent.localCredentials
        #expect(restarted != Self.local)
        let newRemote = ICECredentials(ufrag: "peer3", pwd: "abcdefghijklmnopqrstuvwx")
        #expect(agent.setRemoteCredentials(newRemote, using: &generator) == false)
        #expect(agent.localCredentials == restarted)
        // The old generation (with the old remote ufrag) is answered until the new one is used.
        let old = agent.receive(CheckBuilder(local: Self.local).bytes, from: Self.browser, now: at(1))
        #expect(old.sent.first?.0.type == .bindingSuccessResponse)
        let new = agent.receive(CheckBuilder(local: restarted, remoteUfrag: "peer3").bytes, from: Self.browser, now: at(2))
        #expect(new.sent.first?.0.type == .bindingSuccessResponse)
    }

    // MARK: Credentials (RFC 8445 §5.3)

    @Test("§5.3 generated credentials: ice-chars, 8/24 characters, reproducible from the generator")
    func credentials() {
        var first = SeededGenerator(state: 1)
        var second = SeededGenerator(state: 1)
        let a = ICECredentials.generate(using: &first)
        #expect(a == ICECredentials.generate(using: &second))
        #expect(a != ICECredentials.generate(using: &first))
        #expect(a.ufrag.count == 8 && a.pwd.count == 24 && a.isValid)
        #expect(ICECredentials.generate().isValid)
        #expect(!ICECredentials(ufrag: "abc", pwd: String(repeating: "a", count: 22)).isValid)
        #expect(!ICECredentials(ufrag: "abcd", pwd: String(repeating: "a", count: 21)).isValid)
        #expect(!ICECredentials(ufrag: "ab:d", pwd: String(repeating: "a", count: 22)).isValid)
        #expect(!a.description.contains(a.pwd))
    }
}
