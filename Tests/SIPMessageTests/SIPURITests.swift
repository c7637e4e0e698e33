import Testing
@testable import SIPMessage

@Suite("SIPURI")
struct SIPURITests {
    @Test("sip URI with user, password, port, parameters and headers; serializes as written")
    func sipFull() throws {
        let text = "sip:alice:secret@atlanta.example.com:5061;transport=TCP;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent"
        let uri = try SIPURI(parsing: text)
        #expect(uri.scheme == .sip)
        #expect(uri.user == "alice" && uri.password == "secret")
        #expect(uri.host == "atlanta.example.com" && uri.port == 5061)
        #expect(uri.transportParameter == "tcp")
        #expect(uri.parameters["lr"] == .some(nil))
        #expect(uri.parameters["MADDR"] == "239.255.255.1")
        #expect(uri.headers == [.init(name: "subject", value: "project%20x"), .init(name: "priority", value: "urgent")])
        #expect(uri.description == text)
        #expect(uri.addressOfRecord == "alice@atlanta.example.com")
    }

    @Test("sips and upper-case schemes; scheme compares case-insensitively")
    func sips() throws {
        let uri = try SIPURI(parsing: "SIPS:bob@biloxi.example.com")
        #expect(uri.scheme == .sips && uri.scheme.isSIP)
        #expect(uri.description == "sips:bob@biloxi.example.com")
        #expect(SIPURI.Scheme(rawValue: "SiP") == .sip)
    }

    @Test("tel URI keeps the number and its parameters")
    func tel() throws {
        let uri = try SIPURI(parsing: "tel:+1-201-555-0123;phone-context=example.com")
        #expect(uri.scheme == .tel && uri.user == "+1-201-555-0123" && uri.host.isEmpty)
        #expect(uri.parameters["phone-context"] == "example.com")
        #expect(uri.description == "tel:+1-201-555-0123;phone-context=example.com")
    }

    @Test("IPv6 references with and without port (RFC 5118)")
    func ipv6() throws {
        let uri = try SIPURI(parsing: "sip:user@[2001:db8::10]:5070;transport=udp")
        #expect(uri.host == "[2001:db8::10]" && uri.port == 5070)
        #expect(uri.hostWithoutBrackets == "2001:db8::10")
        #expect(uri.description == "sip:user@[2001:db8::10]:5070;transport=udp")
        let bare = try SIPURI(parsing: "sip:[::ffff:192.0.2.1]")
        #expect(bare.host == "[::ffff:192.0.2.1]" && bare.port == nil && bare.user == nil)
        #expect(throws: SIPParseError.self) { try SIPURI(parsing: "sip:[2001:db8::10") }
        #expect(throws: SIPParseError.self) { try SIPURI(parsing: "sip:[2001:db8::10]x") }
        #expect(throws: SIPParseError.self) { try SIPURI(parsing: "sip:[zz::1]") }
    }

    @Test("user parts with ; ? / and escapes are split at @, not at ; or ?")
    func userUnreserved() throws {
        let uri = try SIPURI(parsing: "sip:user;par=u%40example.net@example.com")
        #expect(uri.user == "user;par=u%40example.net" && uri.host == "example.com" && uri.parameters.isEmpty)
        let odd = try SIPURI(parsing: "sip:a?b/c,d@example.com;p=1")
        #expect(odd.user == "a?b/c,d" && odd.parameters["p"] == "1" && odd.headers.isEmpty)
    }

    @Test("unknown schemes are opaque and round-trip")
    func opaque() throws {
        for text in ["http://www.example.com/a?b=c", "urn:service:sos", "isbn:2983792873", "soap.beep://192.0.2.103:3002"] {
            let uri = try SIPURI(parsing: text)
            #expect(!uri.scheme.isSIP && uri.opaque != nil)
            #expect(uri.description == text)
        }
        #expect(SIPURI(scheme: SIPURI.Scheme(rawValue: "urn"), opaque: "x:y").description == "urn:x:y")
    }

    @Test("invalid URIs are typed errors", arguments: [
        "", "sip", ":foo", "1sip:a@b", "sip:", "sip:@example.com", "sip:user@", "sip:a b@example.com",
        "sip:user@example.com ", " sip:user@example.com", "<sip:user@example.com>", "sip:user@exa mple.com",
        "sip:user@example.com:99999", "sip:user@example.com:-1", "sip:user@example.com:+5", "sip:user@example.com:",
        "sip:user@example.com:1234567890123456789012345", "sip:us%zzer@example.com", "sip:user@example.com;;lr",
        "sip:user@example.com;=x", "sip:user@example.com;a=", "sip:user@example.com?=x", "sip:user@host_with\"quote",
        "sip:ü@example.com", "tel:", "tel:;x=1",
    ])
    func invalid(text: String) {
        let error = #expect(throws: SIPParseError.self) { try SIPURI(parsing: text) }
        #expect(error?.code == .invalidURI)
    }

    @Test("escapes are checked but kept as written, never decoded")
    func escapesKept() throws {
        let uri = try SIPURI(parsing: "sip:%75se%72@example.com;n%61me=v%61lue%25%34%31")
        #expect(uri.user == "%75se%72")
        #expect(uri.parameters["n%61me"] == "v%61lue%25%34%31")
        #expect(uri.description == "sip:%75se%72@example.com;n%61me=v%61lue%25%34%31")
    }

    @Test("built URIs serialize")
    func built() {
        var params = SIPParameters()
        params.set("transport", "ws")
        let uri = SIPURI(user: "bob", host: "[::1]", port: 5060, parameters: params)
        #expect(uri.description == "sip:bob@[::1]:5060;transport=ws")
    }
}
