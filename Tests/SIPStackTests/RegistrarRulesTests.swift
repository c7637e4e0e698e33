import SIPMessage
import Testing
@testable import SIPStack

/// RFC 3261 §10.3 rules, one test per rule or edge.
@Suite struct RegistrarRulesTests {
    static let t0 = UnixTime(seconds: 1_700_000_000)
    static let phone = SIPPeer(transport: .udp, host: "192.0.2.4", port: 5060)
    static let laptop = SIPPeer(transport: .tcp, host: "198.51.100.9", port: 49_152, connectionID: 7)

    static func register(
        _ contacts: [String], expires: String? = nil, callID: String = "843817637684230@998sdasdh09", cseq: UInt32 = 1826
    ) -> SIPRequest {
        var headers = SIPHeaders()
        headers.add("Via", "SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7")
        headers.add("To", "Bob <sip:bob@biloxi.com>")
        headers.add("From", "Bob <sip:bob@biloxi.com>;tag=456248")
        headers.add("Call-ID", callID)
        headers.add("CSeq", "\(cseq) REGISTER")
        for c in contacts { headers.add("Contact", c) }
        if let expires { headers.add("Expires", expires) }
        return SIPRequest(method: .register, uri: SIPURI(host: "biloxi.com"), headers: headers)
    }

    static func apply(
        _ request: SIPRequest, to bindings: [SIPBinding] = [], now: UnixTime = t0, policy: RegistrarPolicy = RegistrarPolicy(),
        source: SIPPeer = phone
    ) throws(RegistrarError) -> RegistrarUpdate {
        try RegistrarRules.apply(register: request, currentBindings: bindings, now: now, policy: policy, source: source)
    }

    /// The error code `body` throws, `nil` when it succeeds.
    static func code(_ body: () throws -> RegistrarUpdate) -> RegistrarError.Code? {
        do {
            _ = try body()
            return nil
        } catch let error as RegistrarError {
            return error.code
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    static func binding(
        _ uri: String, expiresIn: Int64 = 3600, callID: String = "843817637684230@998sdasdh09", cseq: UInt32 = 1826,
        source: SIPPeer = phone
    ) -> SIPBinding {
        SIPBinding(contactURI: uri, expiresAt: t0 + expiresIn, callID: callID, cseq: cseq, source: source)
    }

    // MARK: - Adding and expiry intervals

    @Test func newBindingTakesTheExpiresHeader() throws {
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4:5060>"], expires: "600"))
        #expect(u.bindings == [
            SIPBinding(contactURI: "sip:bob@192.0.2.4:5060", expiresAt: Self.t0 + 600, callID: "843817637684230@998sdasdh09",
                       cseq: 1826, source: Self.phone)
        ])
        #expect(u.contactHeaderValues == ["<sip:bob@192.0.2.4:5060>;expires=600"])
        #expect(u.removed.isEmpty)
        #expect(u.expired.isEmpty)
    }

    @Test func defaultIntervalWhenNoneIsGiven() throws {
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>"]))
        #expect(u.bindings.first?.expiresAt == Self.t0 + 3600)
        let custom = try Self.apply(Self.register(["<sip:bob@192.0.2.4>"]), policy: RegistrarPolicy(defaultExpires: 1800))
        #expect(custom.bindings.first?.expiresAt == Self.t0 + 1800)
    }

    @Test func contactParameterOverridesTheHeader() throws {
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>;expires=1200, <sip:bob@192.0.2.5>"], expires: "600"))
        #expect(u.bindings.map(\.expiresAt) == [Self.t0 + 1200, Self.t0 + 600])
    }

    @Test func malformedIntervalsCountAsAbsent() throws {
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>;expires=soon", "sip:bob@192.0.2.5"], expires: "later"))
        #expect(u.bindings.map(\.expiresAt) == [Self.t0 + 3600, Self.t0 + 3600])
        let headerOnly = try Self.apply(Self.register(["<sip:bob@192.0.2.4>;expires=-5"], expires: "900"))
        #expect(headerOnly.bindings.first?.expiresAt == Self.t0 + 900)
    }

    @Test func longIntervalsAreShortenedToTheMaximum() throws {
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>;expires=100000", "<sip:bob@192.0.2.5>;expires=99999999999999999999999"]))
        #expect(u.bindings.map(\.expiresAt) == [Self.t0 + 7200, Self.t0 + 7200])
        #expect(u.contactHeaderValues.allSatisfy { $0.hasSuffix(";expires=7200") })
    }

    @Test func shortIntervalIs423WithMinExpires() throws {
        do {
            _ = try Self.apply(Self.register(["<sip:bob@192.0.2.5>;expires=3600", "<sip:bob@192.0.2.4>;expires=30"]))
            Issue.record("expected 423")
        } catch {
            #expect(error.code == .intervalTooBrief)
            #expect(error.statusCode == 423)
            #expect(error.minExpires == 60)
        }
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], expires: "59")) } == .intervalTooBrief)
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], expires: "60")) } == nil)
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], expires: "1")) } == .intervalTooBrief)
    }

    /// §10.3 step 7: 423 only for intervals under one hour, even when the minimum is higher.
    @Test func intervalOfAnHourOrMoreIsNever423() throws {
        let policy = RegistrarPolicy(minExpires: 5000, maxExpires: 7200)
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], expires: "3599"), policy: policy) } == .intervalTooBrief)
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], expires: "3600"), policy: policy)
        #expect(u.bindings.first?.expiresAt == Self.t0 + 3600)
    }

    // MARK: - Refresh (same contact, §19.1.4 comparison)

    @Test func refreshUpdatesTheExistingBinding() throws {
        let old = Self.binding("sip:bob@192.0.2.4", expiresIn: 100, cseq: 1826)
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], expires: "3600", cseq: 1827), to: [old], source: Self.laptop)
        #expect(u.bindings.count == 1)
        #expect(u.bindings[0].expiresAt == Self.t0 + 3600)
        #expect(u.bindings[0].cseq == 1827)
        #expect(u.bindings[0].source == Self.laptop)
        #expect(u.removed.isEmpty)
    }

    @Test(arguments: [
        ("sip:bob@HOST.example.com:5060;transport=udp", "sip:bob@host.example.com:5060;transport=UDP", true),
        ("sip:bob@host.example.com;ob", "sip:bob@host.example.com", true),
        ("sip:bob@host.example.com;ob;x=1", "sip:bob@host.example.com;x=2", false),
        ("sip:bob@host.example.com", "sip:bob@host.example.com:5060", false),
        ("sip:bob@host.example.com", "sip:Bob@host.example.com", false),
        ("sip:bob@host.example.com", "sip:bob@host.example.com;transport=tcp", false),
        ("sip:bob@host.example.com", "sips:bob@host.example.com", false),
        ("sip:bob@host.example.com;maddr=239.255.255.1", "sip:bob@host.example.com", false),
    ])
    func contactComparison(existing: String, incoming: String, same: Bool) throws {
        let u = try Self.apply(Self.register(["<\(incoming)>"], cseq: 2000), to: [Self.binding(existing)])
        #expect(u.bindings.count == (same ? 1 : 2))
    }

    // MARK: - §10.3 step 7: Call-ID / CSeq ordering

    @Test func sameCallIDWithoutHigherCSeqFails() {
        let existing = [Self.binding("sip:bob@192.0.2.4", cseq: 1826)]
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], cseq: 1826), to: existing) } == .outOfOrder)
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], cseq: 1825), to: existing) } == .outOfOrder)
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>;expires=0"], cseq: 1825), to: existing) } == .outOfOrder)
        #expect(RegistrarError(.outOfOrder).statusCode == 400)
    }

    @Test func otherCallIDUpdatesWhateverTheCSeq() throws {
        let existing = [Self.binding("sip:bob@192.0.2.4", callID: "old-call-id", cseq: 9000)]
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], callID: "new-call-id", cseq: 1), to: existing)
        #expect(u.bindings.map(\.callID) == ["new-call-id"])
        #expect(u.bindings.map(\.cseq) == [1])
    }

    @Test func ordinaryContactsIgnoreCSeqOfUnrelatedBindings() throws {
        // A lower CSeq from the same Call-ID only matters for the binding it would touch.
        let existing = [Self.binding("sip:bob@192.0.2.4", cseq: 1826)]
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.99>"], cseq: 1), to: existing)
        #expect(u.bindings.count == 2)
    }

    // MARK: - Removal

    @Test func expiresZeroRemovesOneContact() throws {
        let a = Self.binding("sip:bob@192.0.2.4", cseq: 1)
        let b = Self.binding("sip:bob@192.0.2.5", cseq: 1)
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>;expires=0"], cseq: 2), to: [a, b])
        #expect(u.bindings == [b])
        #expect(u.removed == [a])
        let viaHeader = try Self.apply(Self.register(["<sip:bob@192.0.2.5>"], expires: "0", cseq: 2), to: [a, b])
        #expect(viaHeader.bindings == [a])
    }

    @Test func expiresZeroForAnUnknownContactChangesNothing() throws {
        let a = Self.binding("sip:bob@192.0.2.4", cseq: 1)
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.77>;expires=0"], cseq: 2), to: [a])
        #expect(u.bindings == [a])
        #expect(u.removed.isEmpty)
    }

    @Test func wildcardWithExpiresZeroRemovesEverything() throws {
        let a = Self.binding("sip:bob@192.0.2.4", callID: "x", cseq: 1)
        let b = Self.binding("sip:bob@192.0.2.5", callID: "y", cseq: 1)
        let u = try Self.apply(Self.register(["*"], expires: "0", cseq: 2), to: [a, b])
        #expect(u.bindings.isEmpty)
        #expect(u.contactHeaderValues.isEmpty)
        #expect(u.removed == [a, b])
    }

    @Test func wildcardMisuseIs400() {
        #expect(Self.code { try Self.apply(Self.register(["*", "<sip:bob@192.0.2.4>"], expires: "0")) } == .wildcardWithOtherContacts)
        #expect(Self.code { try Self.apply(Self.register(["*, <sip:bob@192.0.2.4>"], expires: "0")) } == .wildcardWithOtherContacts)
        #expect(Self.code { try Self.apply(Self.register(["*"])) } == .wildcardWithoutZeroExpires)
        #expect(Self.code { try Self.apply(Self.register(["*"], expires: "3600")) } == .wildcardWithoutZeroExpires)
        #expect(Self.code { try Self.apply(Self.register(["*"], expires: "zero")) } == .wildcardWithoutZeroExpires)
        #expect(RegistrarError(.wildcardWithOtherContacts).statusCode == 400)
    }

    @Test func wildcardFollowsTheCSeqRule() throws {
        let a = Self.binding("sip:bob@192.0.2.4", cseq: 1826)
        #expect(Self.code { try Self.apply(Self.register(["*"], expires: "0", cseq: 1826), to: [a]) } == .outOfOrder)
        let other = try Self.apply(Self.register(["*"], expires: "0", callID: "another", cseq: 1), to: [a])
        #expect(other.bindings.isEmpty)
    }

    // MARK: - Queries and expired bindings

    @Test func noContactIsAQuery() throws {
        let live = Self.binding("sip:bob@192.0.2.4", expiresIn: 100)
        let dead = Self.binding("sip:bob@192.0.2.5", expiresIn: 0)
        let u = try Self.apply(Self.register([]), to: [live, dead])
        #expect(u.bindings == [live])
        #expect(u.expired == [dead])
        #expect(u.removed.isEmpty)
        #expect(u.contactHeaderValues == ["<sip:bob@192.0.2.4>;expires=100"])
    }

    @Test func expiredBindingsAreDroppedAndDoNotBlockReuse() throws {
        // Same Call-ID and a lower CSeq, but the old binding has expired: it is gone, so no ordering failure.
        let dead = Self.binding("sip:bob@192.0.2.4", expiresIn: -10, cseq: 5000)
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>"], cseq: 1), to: [dead])
        #expect(u.bindings.count == 1)
        #expect(u.bindings[0].cseq == 1)
        #expect(u.expired == [dead])
    }

    // MARK: - Contact syntax and parameters

    @Test func malformedContactIs400() {
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4"])) } == .malformedContact)
        #expect(Self.code { try Self.apply(Self.register(["<mailto:bob@example.com>"])) } == .malformedContact)
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>;q=2"])) } == .malformedContact)
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>;q"])) } == .malformedContact)
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>, <sip:bob@"])) } == .malformedContact)
    }

    @Test func qAndOtherParametersAreKept() throws {
        let u = try Self.apply(Self.register([#"<sip:bob@192.0.2.4;ob>;q=0.7;+sip.instance="<urn:uuid:f81d4fae>";reg-id=1;expires=300"#]))
        let b = try #require(u.bindings.first)
        #expect(b.contactURI == "sip:bob@192.0.2.4;ob")
        #expect(b.q == 0.7)
        #expect(b.contactParameters.items.map(\.name) == ["+sip.instance", "reg-id"])
        #expect(u.contactHeaderValues == [#"<sip:bob@192.0.2.4;ob>;expires=300;q=0.7;+sip.instance="<urn:uuid:f81d4fae>";reg-id=1"#])
    }

    @Test func severalContactsInOneOrManyHeaders() throws {
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>, \"Bob, mobile\" <sip:bob@192.0.2.5>", "sip:bob@192.0.2.6;expires=120"]))
        #expect(u.bindings.map(\.contactURI) == ["sip:bob@192.0.2.4", "sip:bob@192.0.2.5", "sip:bob@192.0.2.6"])
        #expect(u.bindings.map(\.expiresAt) == [Self.t0 + 3600, Self.t0 + 3600, Self.t0 + 120])
    }

    @Test func aContactRepeatedInOneRequestKeepsTheLastValue() throws {
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.4>;expires=100", "<sip:bob@192.0.2.4>;expires=200"]))
        #expect(u.bindings.map(\.expiresAt) == [Self.t0 + 200])
        let removedAgain = try Self.apply(Self.register(["<sip:bob@192.0.2.4>;expires=100", "<sip:bob@192.0.2.4>;expires=0"]))
        #expect(removedAgain.bindings.isEmpty)
        #expect(removedAgain.removed.isEmpty)  // it was never stored
    }

    // MARK: - Contact limit

    static let ten = (1...10).map { binding("sip:bob@192.0.2.\($0)", expiresIn: Int64(1000 + $0), callID: "c\($0)", cseq: 1) }

    @Test func contactLimitRejectsByDefault() throws {
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.99>"]), to: Self.ten) } == .tooManyContacts)
        #expect(RegistrarError(.tooManyContacts).statusCode == 403)
        // Refreshing one of the ten is fine.
        let refresh = try Self.apply(Self.register(["<sip:bob@192.0.2.3>"], callID: "c3", cseq: 2), to: Self.ten)
        #expect(refresh.bindings.count == 10)
        // So is replacing one: remove and add in the same request.
        let swap = try Self.apply(Self.register(["<sip:bob@192.0.2.3>;expires=0", "<sip:bob@192.0.2.99>"], callID: "c3", cseq: 2), to: Self.ten)
        #expect(swap.bindings.count == 10)
    }

    @Test func contactLimitCanDropTheSoonestExpiring() throws {
        let policy = RegistrarPolicy(whenContactLimitReached: .dropSoonestExpiring)
        let u = try Self.apply(Self.register(["<sip:bob@192.0.2.98>", "<sip:bob@192.0.2.99>"]), to: Self.ten, policy: policy)
        #expect(u.bindings.count == 10)
        #expect(u.removed.map(\.contactURI) == ["sip:bob@192.0.2.1", "sip:bob@192.0.2.2"])
        #expect(u.bindings.suffix(2).map(\.contactURI) == ["sip:bob@192.0.2.98", "sip:bob@192.0.2.99"])
        // A request that alone carries too many contacts is still refused.
        let eleven = (1...11).map { "<sip:bob@203.0.113.\($0)>" }
        #expect(Self.code { try Self.apply(Self.register(eleven), policy: policy) } == .tooManyContacts)
        let small = RegistrarPolicy(maxContactsPerAOR: 1)
        #expect(Self.code { try Self.apply(Self.register(["<sip:bob@192.0.2.4>", "<sip:bob@192.0.2.5>"]), policy: small) } == .tooManyContacts)
    }

    // MARK: - Request checks and AOR

    @Test func requestChecks() {
        var options = Self.register(["<sip:bob@192.0.2.4>"])
        options.method = .options
        #expect(Self.code { try Self.apply(options) } == .notRegister)
        var noCallID = Self.register(["<sip:bob@192.0.2.4>"])
        noCallID.headers.remove("Call-ID")
        #expect(Self.code { try Self.apply(noCallID) } == .missingCallIDOrCSeq)
        var badCSeq = Self.register(["<sip:bob@192.0.2.4>"])
        badCSeq.headers.set("CSeq", "one REGISTER")
        #expect(Self.code { try Self.apply(badCSeq) } == .missingCallIDOrCSeq)
    }

    @Test func addressOfRecordIsCanonical() throws {
        var r = Self.register([])
        r.headers.set("To", "\"Bob\" <sips:B%6Fb@BILOXI.com:5061;transport=tls>;tag=x")
        #expect(try RegistrarRules.addressOfRecord(of: r) == "sip:Bob@biloxi.com")
        r.headers.set("To", "sip:biloxi.com")
        #expect(try RegistrarRules.addressOfRecord(of: r) == "sip:biloxi.com")
        r.headers.set("To", "<tel:+15551234567>")
        #expect(throws: RegistrarError.self) { try RegistrarRules.addressOfRecord(of: r) }
        r.headers.remove("To")
        #expect(throws: RegistrarError(.invalidAddressOfRecord, "missing or malformed To")) { try RegistrarRules.addressOfRecord(of: r) }
        #expect(RegistrarRules.percentDecoded("a%2") == "a%2")
        #expect(RegistrarRules.percentDecoded("%41%zz") == "A%zz")
    }

    @Test func deltaSecondsGrammar() {
        #expect(RegistrarRules.deltaSeconds("3600") == 3600)
        #expect(RegistrarRules.deltaSeconds(" 0 ") == 0)
        #expect(RegistrarRules.deltaSeconds("4294967296") == 4_294_967_295)
        #expect(RegistrarRules.deltaSeconds("") == nil)
        #expect(RegistrarRules.deltaSeconds("-1") == nil)
        #expect(RegistrarRules.deltaSeconds("1.5") == nil)
    }
}
