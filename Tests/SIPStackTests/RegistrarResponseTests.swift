import SIPMessage
import Testing
@testable import SIPStack

/// The 200 OK of RFC 3261 §10.3 step 8 and the error responses of `RegistrarError`.
@Suite struct RegistrarResponseTests {
    static let t0 = RegistrarRulesTests.t0

    @Test func okListsEveryCurrentBindingWithRemainingTimeAndDate() throws {
        let request = RegistrarRulesTests.register(["<sip:bob@192.0.2.4>;expires=600"], cseq: 1827)
        let existing = RegistrarRulesTests.binding("sip:bob@192.0.2.5", expiresIn: 1000, callID: "other", cseq: 1)
        let update = try RegistrarRules.apply(
            register: request, currentBindings: [existing], now: Self.t0, source: RegistrarRulesTests.phone)
        let ok = RegistrarRules.okResponse(replyingTo: request, update: update, now: Self.t0, toTag: "reg1")
        #expect(ok.statusCode == 200)
        #expect(ok.headers.values("Contact") == ["<sip:bob@192.0.2.5>;expires=1000", "<sip:bob@192.0.2.4>;expires=600"])
        #expect(ok.headers["Date"] == "Tue, 14 Nov 2023 22:13:20 GMT")
        #expect(ok.headers["Call-ID"] == request.headers["Call-ID"])
        #expect(ok.headers["CSeq"] == "1827 REGISTER")
        #expect(ok.headers["Via"] == request.headers["Via"])
        #expect(ok.headers.to?.tag == "reg1")
        #expect(ok.headers.contacts.compactMap(\.expires) == [1000, 600])
    }

    @Test func remainingTimeCountsDownAndExpiredBindingsAreLeftOut() {
        let request = RegistrarRulesTests.register([])
        let bindings = [
            RegistrarRulesTests.binding("sip:bob@192.0.2.4", expiresIn: 100),
            RegistrarRulesTests.binding("sip:bob@192.0.2.5", expiresIn: 30),
        ]
        let later = RegistrarRules.okResponse(replyingTo: request, bindings: bindings, now: Self.t0 + 40)
        #expect(later.headers.values("Contact") == ["<sip:bob@192.0.2.4>;expires=60"])
        let none = RegistrarRules.okResponse(replyingTo: request, bindings: [], now: Self.t0)
        #expect(!none.headers.contains("Contact"))
        #expect(none.headers.contains("Date"))
    }

    @Test func intervalTooBriefResponseCarriesMinExpires() throws {
        let request = RegistrarRulesTests.register(["<sip:bob@192.0.2.4>"], expires: "20")
        let policy = RegistrarPolicy(minExpires: 120)
        do {
            _ = try RegistrarRules.apply(register: request, currentBindings: [], now: Self.t0, policy: policy, source: RegistrarRulesTests.phone)
            Issue.record("expected 423")
        } catch {
            let response = error.response(replyingTo: request, toTag: "t")
            #expect(response.statusCode == 423)
            #expect(response.reasonPhrase == "Interval Too Brief")
            #expect(response.headers["Min-Expires"] == "120")
            #expect(response.headers.to?.tag == "t")
        }
    }

    @Test func otherErrorResponses() {
        let request = RegistrarRulesTests.register(["*"])
        let wildcard = RegistrarError(.wildcardWithoutZeroExpires).response(replyingTo: request)
        #expect(wildcard.statusCode == 400)
        #expect(wildcard.reasonPhrase == "Invalid Wildcard Contact")
        #expect(!wildcard.headers.contains("Min-Expires"))
        let order = RegistrarError(.outOfOrder).response(replyingTo: request)
        #expect(order.statusCode == 400)
        #expect(order.reasonPhrase == "Invalid CSeq Number")
        let many = RegistrarError(.tooManyContacts).response(replyingTo: request)
        #expect(many.statusCode == 403)
        let notRegister = RegistrarError(.notRegister, "OPTIONS").response(replyingTo: request)
        #expect(notRegister.statusCode == 405)
        #expect(notRegister.headers["Allow"] == "REGISTER")
        #expect(RegistrarError(.malformedContact).reasonPhrase == "Bad Request")
        #expect(RegistrarError(.malformedContact, "x").description == "malformedContact: x")
    }
}
