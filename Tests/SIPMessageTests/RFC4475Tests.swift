import Foundation
import Testing
@testable import SIPMessage

/// RFC 4475 "SIP Torture Test Messages": every message of §3, by its RFC name.
@Suite("RFC 4475")
struct RFC4475Tests {
    typealias F = RFC4475Fixture

    @Test("every fixture is present, CRLF-terminated and within the parser's limits")
    func fixturesLoad() throws {
        #expect(F.all.count == 49)
        for name in F.all {
            let bytes = try F.bytes(name)
            #expect(bytes.count > 100 && bytes.count <= SIPParser.Limits().maxMessageSize, "\(name)")
            #expect(bytes.firstIndex(of: 10).map { $0 > 0 && bytes[$0 - 1] == 13 } == true, "\(name) start line ends in CRLF")
        }
    }

    @Test("every §3.1.1 valid message round-trips", arguments: RFC4475Fixture.valid)
    func validRoundTrip(name: String) throws {
        try F.roundTrip(name)
    }
}

// MARK: - §3.1.1 Valid messages

extension RFC4475Tests {
    /// §3.1.1.1 A Short Tortuous INVITE.
    @Test func wsinv() throws {
        let request = try F.request(F.roundTrip("wsinv"))
        let h = request.headers
        #expect(request.method == .invite)
        #expect(request.uri.user == "vivekg" && request.uri.host == "chair-dnrc.example.com")
        #expect(request.uri.parameters["unknownparam"] == .some(nil))
        #expect(h.to?.uri.description == "sip:vivekg@chair-dnrc.example.com")
        #expect(h.to?.tag == "1918181833n")
        #expect(h.from?.displayName == "J Rosenberg \\\"")
        #expect(h.from?.tag == "98asjd8")
        #expect(h.maxForwards == 68)
        #expect(h.cseq == SIPCSeq(sequence: 9, method: .invite))
        #expect(h.callID == "wsinv.ndaksdj@192.0.2.1")
        let vias = h.vias
        #expect(vias.map(\.transport) == ["UDP", "TCP", "UDP"])
        #expect(vias.map(\.host) == ["192.0.2.2", "spindle.example.com", "192.168.255.111"])
        #expect(vias.map(\.branch) == ["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"])
        #expect(h["Subject"] == "")
        #expect(h["NewFangledHeader"] == "newfangled value continued newfangled value")
        #expect(h["UnknownHeaderWithUnusualValue"] == ";;,,;;,;")
        #expect(h["Route"] == "<sip:services.example.com;lr;unknownwith=value;unknown-no-value>")
        let contact = try #require(h.contacts.first)
        #expect(contact.displayName == "Quoted string \"\"")
        #expect(contact.parameters.items.map(\.name) == ["newparam", "secondparam", "q"])
        #expect(contact.parameters["newparam"] == "newvalue" && contact.parameters["q"] == "0.33")
        #expect(request.body.count == 150)
    }

    /// §3.1.1.2 Wide Range of Valid Characters.
    @Test func intmeth() throws {
        let request = try F.request(F.roundTrip("intmeth"))
        let h = request.headers
        #expect(request.method.rawValue == "!interesting-Method0123456789_*+`.%indeed'~")
        #expect(request.uri.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")
        #expect(request.uri.password == "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)")
        #expect(request.uri.host == "example.com")
        #expect(h.topVia?.branch == "z9hG4bK-.!%66*_+`'~")
        #expect(h.to?.displayName == "BEL:\u{07} NUL:\u{00} DEL:\u{7F}")
        let from = try #require(h.from)
        #expect(from.displayName == "token1~` token2'+_ token3*%!.-")
        #expect(from.parameters["fromParam''~+*_!.-%"] == "\"работающий\"")
        #expect(from.tag == "_token~1'+`*%!-.")
        #expect(h.callID == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{")
        #expect(h.cseq?.method == request.method)
        #expect(h["extensionHeader-!.%*+_`'~"] == "\u{FEFF}大停電")
    }

    /// §3.1.1.3 Valid Use of the % Escaping Mechanism: escapes are kept as written.
    @Test func esc01() throws {
        let request = try F.request(F.roundTrip("esc01"))
        #expect(request.uri.user == "sips%3Auser%40example.com" && request.uri.host == "example.net")
        #expect(request.headers.to?.uri.user == "%75se%72")
        #expect(request.headers.from?.uri.user == "I%20have%20spaces")
        let contact = try #require(request.headers.contacts.first)
        #expect(contact.uri.user == "cal%6Cer")
        #expect(contact.uri.parameters["%6C%72"] == .some(nil))
        #expect(contact.uri.parameters["n%61me"] == "v%61lue%25%34%31")
    }

    /// §3.1.1.4 Escaped Nulls in URIs: two distinct contacts.
    @Test func escnull() throws {
        let request = try F.request(F.roundTrip("escnull"))
        #expect(request.headers.to?.uri.user == "null-%00-null")
        #expect(request.headers.contacts.map { $0.uri.user } == ["%00", "%00%00"])
        #expect(request.body.isEmpty)
    }

    /// §3.1.1.5 Use of % When It Is Not an Escape.
    @Test func esc02() throws {
        let request = try F.request(F.roundTrip("esc02"))
        #expect(request.method.rawValue == "RE%47IST%45R" && request.method != .register)
        #expect(request.headers.to?.displayName == "%Z%45")
        #expect(request.headers.contacts.count == 2)
        #expect(request.headers["C%6Fntact"] == "<sip:alias2@host2.example.com>")
        #expect(request.headers.topVia?.branch == "z9hG4bK209%fzsnel234")
    }

    /// §3.1.1.6 Message with No LWS between Display Name and <.
    @Test func lwsdisp() throws {
        let request = try F.request(F.roundTrip("lwsdisp"))
        #expect(request.headers.from?.displayName == "caller")
        #expect(request.headers.from?.uri.user == "caller")
        #expect(request.headers.from?.tag == "323")
    }

    /// §3.1.1.7 Long Values in Header Fields.
    @Test func longreq() throws {
        let request = try F.request(F.roundTrip("longreq"))
        let h = request.headers
        let to = try #require(h.to)
        #expect(to.displayName == "I have a user name of " + String(repeating: "extreme", count: 10) + " proportion")
        #expect(to.uri.port == 6000 && to.uri.parameters.items.count == 3)
        #expect(h.from?.tag == "12" + String(repeating: "982", count: 50) + "424")
        #expect(h.vias.count == 34)
        #expect(h.vias.last?.branch == "very" + String(repeating: "long", count: 50) + "branchvalue")
        #expect(h.contacts.first?.uri.user == String(repeating: "amazinglylongcallername", count: 5))
        #expect(h["Unknown-" + String(repeating: "Long", count: 20) + "-Name"] != nil)
        #expect(request.body.count == 150)
    }

    /// §3.1.1.8 Extra Trailing Octets in a UDP Datagram: the INVITE after the body is noise.
    @Test func dblreq() throws {
        let request = try F.request(F.roundTrip("dblreq"))
        #expect(request.method == .register && request.body.isEmpty)
        #expect(request.headers.callID == "dblreq.0ha0isndaksdj99sdfafnl3lk233412")
        #expect(!String(decoding: request.serialized(), as: UTF8.self).contains("INVITE"))
    }

    /// §3.1.1.9 Semicolon-Separated Parameters in URI User Part.
    @Test func semiuri() throws {
        let request = try F.request(F.roundTrip("semiuri"))
        #expect(request.uri.user == "user;par=u%40example.net" && request.uri.host == "example.com")
        #expect(request.uri.parameters.isEmpty)
        #expect(request.headers.elements("Accept").count == 6)
    }

    /// §3.1.1.10 Varied and Unknown Transport Types.
    @Test func transports() throws {
        let request = try F.request(F.roundTrip("transports"))
        #expect(request.headers.vias.map(\.transport) == ["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"])
        #expect(request.headers.callID == "transports.kijh4akdnaqjkwendsasfdj")
    }

    /// §3.1.1.11 Multipart MIME Message: a binary body with NULs is framed by Content-Length.
    @Test func mpart01() throws {
        let request = try F.request(F.roundTrip("mpart01"))
        #expect(request.body.count == 553 && request.body.contains(0))
        let via = try #require(request.topVia)
        #expect(via.host == "127.0.0.1" && via.port == 5070 && via.rport == .some(nil))
        #expect(request.headers["Content-Type"] == "multipart/mixed;boundary=7a9cbec02ceef655")
        #expect(request.body.suffix(22) == ArraySlice("--7a9cbec02ceef655--\r\n".utf8))
    }

    /// §3.1.1.12 Unusual Reason Phrase (UTF-8).
    @Test func unreason() throws {
        let response = try F.response(F.roundTrip("unreason"))
        #expect(response.statusCode == 200)
        #expect(response.reasonPhrase == "= 2**3 * 5**2 но сто девяносто девять - простое")
        #expect(response.body.count == 154)
    }

    /// §3.1.1.13 Empty Reason Phrase.
    @Test func noreason() throws {
        let response = try F.response(F.roundTrip("noreason"))
        #expect(response.statusCode == 100 && response.reasonPhrase.isEmpty)
        #expect(Array(response.serialized().prefix(14)) == Array("SIP/2.0 100 \r\n".utf8))
    }
}

// MARK: - §3.1.2 Invalid messages

extension RFC4475Tests {
    /// §3.1.2.1 Extraneous Header Field Separators (`;;,;,,` in Via, `;;;;` in Contact).
    @Test func badinv01() throws { try F.expectRejected("badinv01", .invalidHeader) }
    /// §3.1.2.2 Content Length Larger Than Message.
    @Test func clerr() throws { try F.expectRejected("clerr", .invalidContentLength) }
    /// §3.1.2.3 Negative Content-Length.
    @Test func ncl() throws { try F.expectRejected("ncl", .invalidContentLength) }
    /// §3.1.2.4 Request Scalar Fields with Overlarge Values (CSeq > 2³²−1).
    @Test func scalar02() throws { try F.expectRejected("scalar02", .invalidHeader) }
    /// §3.1.2.5 Response Scalar Fields with Overlarge Values.
    @Test func scalarlg() throws { try F.expectRejected("scalarlg", .invalidHeader) }
    /// §3.1.2.6 Unterminated Quoted String in Display Name.
    @Test func quotbal() throws { try F.expectRejected("quotbal", .invalidHeader) }
    /// §3.1.2.7 <> Enclosing Request-URI.
    @Test func ltgtruri() throws { try F.expectRejected("ltgtruri", .invalidURI) }
    /// §3.1.2.8 Malformed SIP Request-URI (embedded LWS).
    @Test func lwsruri() throws { try F.expectRejected("lwsruri", .invalidStartLine) }
    /// §3.1.2.9 Multiple SP Separating Request-Line Elements.
    @Test func lwsstart() throws { try F.expectRejected("lwsstart", .invalidStartLine) }
    /// §3.1.2.10 SP Characters at End of Request-Line.
    @Test func trws() throws { try F.expectRejected("trws", .invalidStartLine) }
    /// §3.1.2.11 Escaped Headers in SIP Request-URI.
    @Test func escruri() throws { try F.expectRejected("escruri", .invalidURI) }
    /// §3.1.2.12 Invalid Time Zone in Date Header Field.
    @Test func baddate() throws { try F.expectRejected("baddate", .invalidHeader) }
    /// §3.1.2.13 Failure to Enclose name-addr URI in <>.
    @Test func regbadct() throws { try F.expectRejected("regbadct", .invalidHeader) }
    /// §3.1.2.14 Spaces within addr-spec.
    @Test func badaspec() throws { try F.expectRejected("badaspec", .invalidURI) }
    /// §3.1.2.15 Non-token Characters in Display Name.
    @Test func baddn() throws { try F.expectRejected("baddn", .invalidHeader) }
    /// §3.1.2.16 Unknown Protocol Version: 505.
    @Test func badvers() throws { try F.expectRejected("badvers", .versionNotSupported, status: 505) }
    /// §3.1.2.17 Start Line and CSeq Method Mismatch.
    @Test func mismatch01() throws { try F.expectRejected("mismatch01", .invalidHeader) }
    /// §3.1.2.18 Unknown Method with CSeq Method Mismatch.
    @Test func mismatch02() throws { try F.expectRejected("mismatch02", .invalidHeader) }
    /// §3.1.2.19 Overlarge Response Code.
    @Test func bigcode() throws { try F.expectRejected("bigcode", .invalidStartLine) }

    @Test("every §3.1.2 invalid message is rejected without a lenient fallback", arguments: RFC4475Fixture.invalid)
    func invalidRejected(name: String) throws {
        let bytes = try F.bytes(name)
        #expect(throws: SIPParseError.self) { try SIPParser().parse(bytes) }
    }
}
