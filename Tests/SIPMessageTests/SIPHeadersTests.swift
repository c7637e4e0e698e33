import Testing
@testable import SIPMessage

@Suite("SIPHeaders")
struct SIPHeadersTests {
    @Test("compact forms find their long names and back, case-insensitively (RFC 3261 §7.3.3)")
    func compactForms() {
        let headers = SIPHeaders([
            ("v", "SIP/2.0/UDP a.example.com;branch=z9hG4bK1"), ("f", "<sip:a@example.com>;tag=1"),
            ("T", "<sip:b@example.com>"), ("i", "call-1"), ("m", "<sip:a@192.0.2.1>"), ("l", "0"),
            ("c", "application/sdp"), ("k", "100rel"), ("s", "hello"), ("e", "gzip"),
        ])
        #expect(headers["Via"] == "SIP/2.0/UDP a.example.com;branch=z9hG4bK1")
        #expect(headers["FROM"] == "<sip:a@example.com>;tag=1")
        #expect(headers["to"] == "<sip:b@example.com>")
        #expect(headers["Call-ID"] == "call-1")
        #expect(headers["contact"] == "<sip:a@192.0.2.1>")
        #expect(headers["Content-Length"] == "0")
        #expect(headers["Content-Type"] == "application/sdp")
        #expect(headers["Supported"] == "100rel")
        #expect(headers["Subject"] == "hello")
        #expect(headers["Content-Encoding"] == "gzip")
        #expect(headers["v"] == headers["VIA"])
        #expect(headers["X-Unknown"] == nil)
        #expect(SIPHeaders.canonicalKey("V") == "via" && SIPHeaders.canonicalKey("Call-ID") == "call-id")
    }

    @Test("a one-letter name that is not a compact form matches only itself")
    func oneLetterUnknown() {
        let headers = SIPHeaders([("z", "1"), ("Z", "2")])
        #expect(headers.values("z") == ["1", "2"])
        #expect(headers["zz"] == nil)
    }

    @Test("several fields and comma lists give every element in order")
    func multiValues() {
        var headers = SIPHeaders()
        headers.add("Via", "SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/TCP b;branch=z9hG4bK2")
        headers.add("v", "SIP/2.0/UDP c;branch=z9hG4bK3")
        headers.add("Allow", "INVITE, ACK,BYE")
        #expect(headers.values("Via").count == 2)
        #expect(headers.count(of: "via") == 2)
        #expect(headers.elements("Via").count == 3)
        #expect(headers.vias.map(\.host) == ["a", "b", "c"])
        #expect(headers.elements("Allow") == ["INVITE", "ACK", "BYE"])
    }

    @Test("commas inside quoted strings and <…> do not split; escaped quotes do not end the string")
    func splittingWithQuotedCommas() {
        let value = #""Bell, Alexander" <sip:a@example.com;x=1,2>;tag=1, "Say \"hi, there\"" <sip:b@example.com>, <sip:c@example.com>"#
        let elements = SIPHeaders.splitElements(value)
        #expect(elements == [
            #""Bell, Alexander" <sip:a@example.com;x=1,2>;tag=1"#,
            #""Say \"hi, there\"" <sip:b@example.com>"#,
            "<sip:c@example.com>",
        ])
        #expect(SIPHeaders.splitElements(" a ,, b ,") == ["a", "b"])
        #expect(SIPHeaders.rawElements("a,,b").count == 3)
    }

    @Test("set replaces every field at the first one's place; remove and removeFirst")
    func mutation() {
        var headers = SIPHeaders([("Via", "1"), ("To", "t"), ("v", "2"), ("Route", "r")])
        headers.set("VIA", "x")
        #expect(headers.fields.map(\.value) == ["x", "t", "r"])
        headers.prepend("Via", "top")
        #expect(headers.values("Via") == ["top", "x"])
        headers.removeFirst("via")
        #expect(headers.values("Via") == ["x"])
        headers.remove("v")
        #expect(!headers.contains("Via"))
        headers.set("Max-Forwards", "70")
        #expect(headers.fields.last?.name == "Max-Forwards")
        #expect(headers.maxForwards == 70)
    }

    @Test("typed scalar views reject signs, spaces and overflow instead of trapping")
    func scalarViews() {
        let headers = SIPHeaders([
            ("Expires", "99999999999999999999999999"), ("Content-Length", "+5"), ("Max-Forwards", "256"),
        ])
        #expect(headers.expires == nil)
        #expect(headers.contentLength == nil)
        #expect(headers.maxForwards == nil)
        #expect(SIPHeaders([("Expires", "3600")]).expires == 3600)
        #expect(SIPHeaders([("l", "0150")]).contentLength == 150)
    }

    @Test("wildcard Contact is reported apart from the contacts")
    func wildcardContact() {
        let headers = SIPHeaders([("Contact", "*")])
        #expect(headers.isWildcardContact && headers.contacts.isEmpty)
    }

    @Test("typed views kept from validation equal freshly parsed ones, and any change drops them")
    func validatedViews() throws {
        let text = "REGISTER sip:example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b\r\nv: SIP/2.0/UDP c;branch=z9hG4bK3\r\n"
            + "From: \"A\" <sip:a@example.com>;tag=1\r\nt: <sip:a@example.com>\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\n"
            + "Contact: <sip:a@192.0.2.1>;expires=60, <sip:a@192.0.2.2>\r\nContent-Length: 0\r\n\r\n"
        let parsed = try SIPParser().parse(Array(text.utf8)).headers
        let fresh = SIPHeaders(parsed.fields.map { ($0.name, $0.value) })
        #expect(parsed.validatedViews != nil && fresh.validatedViews == nil)
        #expect(parsed == fresh)
        #expect(parsed.vias == fresh.vias && parsed.topVia == fresh.topVia && parsed.cseq == fresh.cseq)
        #expect(parsed.from == fresh.from && parsed.to == fresh.to && parsed.contacts == fresh.contacts)
        #expect(parsed.vias.map(\.host) == ["a.example.com", "b", "c"] && parsed.contacts.count == 2)
        var changed = parsed
        changed.removeFirst("Via")
        #expect(changed.validatedViews == nil && changed.topVia?.host == "c")
    }
}
