import Testing
@testable import SIPMessage

@Suite("SIPVia")
struct SIPViaTests {
    @Test("branch, received and rport with a value (RFC 3261 §20.42, RFC 3581)")
    func branchReceivedRport() throws {
        let via = try SIPVia(parsing: "SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.4;rport=5067")
        #expect(via.transport == "UDP" && via.host == "pc33.atlanta.example.com" && via.port == 5066)
        #expect(via.branch == "z9hG4bK776asdhds" && via.branch?.hasPrefix(SIPVia.magicCookie) == true)
        #expect(via.received == "192.0.2.4")
        #expect(via.rport == .some("5067"))
        #expect(via.sentBy == "pc33.atlanta.example.com:5066")
        #expect(via.description == "SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.4;rport=5067")
    }

    @Test("a bare rport is present without a value; absent rport is nil")
    func bareRport() throws {
        let via = try SIPVia(parsing: "SIP/2.0/TCP client.example.com;rport;branch=z9hG4bKx")
        #expect(via.rport == .some(nil))
        #expect(try SIPVia(parsing: "SIP/2.0/TCP client.example.com;branch=z9hG4bKx").rport == nil)
        var added = via
        added.parameters.set("received", "192.0.2.9")
        added.parameters.set("rport", "6000")
        #expect(added.description == "SIP/2.0/TCP client.example.com;rport=6000;branch=z9hG4bKx;received=192.0.2.9")
    }

    @Test("LWS around / : ; = and a lower-case transport (RFC 4475 §3.1.1.1)")
    func whitespace() throws {
        let via = try SIPVia(parsing: "sip  /   2.0  / tcp     spindle.example.com : 5070  ;  branch  =   z9hG4bK9ikj8 ; ttl = 16")
        #expect(via.transport == "TCP" && via.host == "spindle.example.com" && via.port == 5070)
        #expect(via.branch == "z9hG4bK9ikj8" && via.parameters["ttl"] == "16")
    }

    @Test("IPv6 sent-by and received (RFC 5118 §4.5)")
    func ipv6() throws {
        let via = try SIPVia(parsing: "SIP/2.0/UDP [2001:db8::9:1]:5070;branch=z9hG4bKas3;received=[2001:db8::9:255]")
        #expect(via.host == "[2001:db8::9:1]" && via.port == 5070)
        #expect(via.received == "[2001:db8::9:255]")
        #expect(via.sentBy == "[2001:db8::9:1]:5070")
        let bare = try SIPVia(parsing: "SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3")
        #expect(bare.received == "2001:db8::9:255" && bare.port == nil)
    }

    @Test("WS and unknown transports are kept (RFC 7118, RFC 4475 §3.1.1.10)")
    func transports() throws {
        #expect(try SIPVia(parsing: "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKasudf").transport == "WSS")
        #expect(try SIPVia(parsing: "SIP/2.0/UNKNOWN t4.example.com").transport == "UNKNOWN")
    }

    @Test("malformed Via values are typed errors", arguments: [
        "", "SIP/2.0/UDP", "SIP/2.0 UDP host", "SIP/3.0/UDP host", "HTTP/2.0/UDP host", "SIP/2.0/UDP host;;",
        "SIP/2.0/UDP host;branch=z9hG4bK1;", "SIP/2.0/UDP 192.0.2.15;;,;,,", "SIP/2.0/U\"DP host", "SIP/2.0/UDP host:99999",
        "SIP/2.0/UDP host:abc", "SIP/2.0/UDP ho st", "SIP/2.0/UDP host;branch=a b", "SIP/2.0/UDP [::1",
    ])
    func invalid(text: String) {
        #expect(throws: SIPParseError.self) { try SIPVia(parsing: text) }
    }
}
