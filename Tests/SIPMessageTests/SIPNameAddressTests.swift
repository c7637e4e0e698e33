import Testing
@testable import SIPMessage

@Suite("SIPNameAddress")
struct SIPNameAddressTests {
    @Test("quoted display name with escapes; parameters after > belong to the header")
    func quoted() throws {
        let address = try SIPNameAddress(parsing: #""J Rosenberg \\\"" <sip:jdrosen@example.com;transport=tcp> ; tag = 98asjd8"#)
        #expect(address.displayName == #"J Rosenberg \""#)
        #expect(address.uri.user == "jdrosen" && address.uri.transportParameter == "tcp")
        #expect(address.tag == "98asjd8")
        #expect(address.description == #""J Rosenberg \\\"" <sip:jdrosen@example.com;transport=tcp>;tag=98asjd8"#)
        let again = try SIPNameAddress(parsing: address.description)
        #expect(again == address)
    }

    @Test("display names made of tokens, with or without LWS before < (RFC 4475 §3.1.1.6)")
    func tokenDisplayName() throws {
        let spaced = try SIPNameAddress(parsing: "Alice  Liddell <sip:alice@example.com>")
        #expect(spaced.displayName == "Alice Liddell")
        let tight = try SIPNameAddress(parsing: "caller<sip:caller@example.com>;tag=323")
        #expect(tight.displayName == "caller" && tight.tag == "323")
        let none = try SIPNameAddress(parsing: "<sip:bob@example.com>")
        #expect(none.displayName == nil && none.description == "<sip:bob@example.com>")
    }

    @Test("addr-spec: parameters after the URI are header parameters (RFC 3261 §20.10)")
    func addrSpec() throws {
        let address = try SIPNameAddress(parsing: "sip:+19725552222@gw1.example.net;unknownparam;expires=60")
        #expect(address.uri.parameters.isEmpty)
        #expect(address.parameters.contains("unknownparam") && address.expires == 60)
        #expect(address.description == "<sip:+19725552222@gw1.example.net>;unknownparam;expires=60")
    }

    @Test("quoted parameter values keep their quotes and may hold ; and ,")
    func quotedParameter() throws {
        let address = try SIPNameAddress(parsing: #"<sip:a@example.com>;+sip.instance="<urn:uuid:1;2,3>";q=0.5"#)
        #expect(address.parameters["+sip.instance"] == #""<urn:uuid:1;2,3>""#)
        #expect(address.parameters["q"] == "0.5")
    }

    @Test("setting and clearing the tag")
    func tag() throws {
        var address = try SIPNameAddress(parsing: "<sip:bob@example.com>")
        address.tag = "abc"
        #expect(address.description == "<sip:bob@example.com>;tag=abc")
        address.tag = nil
        #expect(address.parameters.isEmpty)
    }

    @Test("display names with quotes, backslashes and control characters serialize as quoted-pairs")
    func serializeEscapes() throws {
        let address = SIPNameAddress(displayName: "a\"b\\c\u{00}d", uri: SIPURI(host: "example.com"))
        #expect(address.description == "\"a\\\"b\\\\c\\\u{00}d\" <sip:example.com>")
        #expect(try SIPNameAddress(parsing: address.description).displayName == "a\"b\\c\u{00}d")
    }

    @Test("malformed addresses are typed errors", arguments: [
        "", "\"Mr. J. User <sip:j.user@example.com>", "Bell, Alexander <sip:a.g.bell@example.com>",
        "\"Watson, Thomas\" < sip:t.watson@example.org >", "sip:user@example.com?Route=%3Csip:sip.example.com%3E",
        "<sip:joe@example.org>;;;;", "<sip:joe@example.org", "\"Joe\" sip:joe@example.org", "<sip:a@b> junk",
        "<sip:a@b>;tag=\"open", "sip:a@b, sip:c@d", "<>",
    ])
    func invalid(text: String) {
        #expect(throws: SIPParseError.self) { try SIPNameAddress(parsing: text) }
    }
}
