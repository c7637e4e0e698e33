import SIPMessage
import Testing
@testable import SIPStack

@Suite struct RegistrarBindingTests {
    static let t0 = UnixTime(seconds: 1_000)
    static let source = SIPPeer(transport: .wss, host: "2001:db8::1", port: 443, connectionID: 3)

    @Test(arguments: [
        ("0", 0.0), ("1", 1.0), ("0.5", 0.5), ("0.125", 0.125), ("1.000", 1.0), ("0.", 0.0), ("1.", 1.0), ("0.05", 0.05),
    ])
    func parsesQValues(text: String, value: Double) {
        #expect(SIPBinding.parse(q: text) == value)
    }

    @Test(arguments: ["", "2", "1.5", "1.001", "0.1234", ".5", "0,5", "-0", "0.a", "01"])
    func rejectsBadQValues(text: String) {
        #expect(SIPBinding.parse(q: text) == nil)
    }

    @Test func formatsQValuesShortest() {
        #expect(SIPBinding.format(q: 1) == "1")
        #expect(SIPBinding.format(q: 0) == "0")
        #expect(SIPBinding.format(q: 0.5) == "0.5")
        #expect(SIPBinding.format(q: 0.125) == "0.125")
        #expect(SIPBinding.format(q: 0.05) == "0.05")
        #expect(SIPBinding.format(q: 7) == "1")
    }

    @Test func contactHeaderValueAndExpiry() throws {
        var params = SIPParameters()
        params.set("reg-id", "1")
        let b = SIPBinding(
            contactURI: "sip:alice@[2001:db8::1]:443;transport=ws", expiresAt: Self.t0 + 90, callID: "c", cseq: 3, q: 0.25,
            contactParameters: params, source: Self.source)
        #expect(b.contactHeaderValue(at: Self.t0) == "<sip:alice@[2001:db8::1]:443;transport=ws>;expires=90;q=0.25;reg-id=1")
        #expect(b.remainingSeconds(at: Self.t0 + 89) == 1)
        #expect(!b.isExpired(at: Self.t0 + 89))
        #expect(b.isExpired(at: Self.t0 + 90))
        #expect(b.remainingSeconds(at: Self.t0 + 500) == 0)
        // The value parses back as a Contact with the same URI and parameters.
        let parsed = try SIPNameAddress(parsing: b.contactHeaderValue(at: Self.t0))
        #expect(parsed.uri.description == b.contactURI)
        #expect(parsed.expires == 90)
        #expect(parsed.parameters["q"] == "0.25")
        #expect(b.source == Self.source)
    }
}
