import Foundation
import Testing
@testable import SIPMessage

// MARK: - §3.2 Transaction-layer semantics

extension RFC4475Tests {
    /// §3.2.1 Missing Transaction Identifier: the parser accepts it; the branch is the bare magic cookie,
    /// which the transaction layer must notice.
    @Test func badbranch() throws {
        let request = try F.request(F.roundTrip("badbranch"))
        #expect(request.topVia?.branch == SIPVia.magicCookie)
    }
}

// MARK: - §3.3 Application-layer semantics

extension RFC4475Tests {
    /// §3.3.1 Missing Required Header Fields (no Call-ID, From, To): 400, and no trap.
    @Test func insuf() throws { try F.expectRejected("insuf", .missingHeader) }

    /// §3.3.2 Request-URI with Unknown Scheme: well formed; answering 416 is the application's matter.
    @Test func unkscm() throws {
        let request = try F.request(F.roundTrip("unkscm"))
        #expect(request.uri.scheme.rawValue == "nobodyknowsthisscheme" && !request.uri.scheme.isSIP)
        #expect(request.uri.opaque == "totallyopaquecontent")
    }

    /// §3.3.3 Request-URI with Known but Atypical Scheme.
    @Test func novelsc() throws {
        let request = try F.request(F.roundTrip("novelsc"))
        #expect(request.uri.scheme == SIPURI.Scheme(rawValue: "soap.beep"))
        #expect(request.uri.description == "soap.beep://192.0.2.103:3002")
    }

    /// §3.3.4 Unknown URI Schemes in Header Fields: parsers must not fail; a registrar answers 400.
    @Test func unksm2() throws {
        let request = try F.request(F.roundTrip("unksm2"))
        #expect(request.headers.to?.uri.description == "isbn:2983792873")
        #expect(request.headers.from?.uri.scheme.rawValue == "http")
        #expect(request.headers.from?.tag == "3234233")
        #expect(request.headers.contacts.first?.uri.description == "name:John_Smith")
    }

    /// §3.3.5 Proxy-Require and Require: parsed as lists; the 420 is the application's matter.
    @Test func bext01() throws {
        let request = try F.request(F.roundTrip("bext01"))
        #expect(request.headers.elements("Require") == ["nothingSupportsThis", "nothingSupportsThisEither"])
        #expect(request.headers.elements("Proxy-Require") == ["noProxiesSupportThis", "norDoAnyProxiesSupportThis"])
        #expect(request.topVia?.transport == "TLS")
    }

    /// §3.3.6 Unknown Content-Type: the body is carried untouched.
    @Test func invut() throws {
        let request = try F.request(F.roundTrip("invut"))
        #expect(request.headers["Content-Type"] == "application/unknownformat")
        #expect(request.body == Array("<audio>\r\n <pcmu port=\"443\"/>\r\n</audio>\r\n".utf8))
    }

    /// §3.3.7 Unknown Authorization Scheme: kept verbatim for the registrar to ignore or challenge.
    @Test func regaut01() throws {
        let request = try F.request(F.roundTrip("regaut01"))
        #expect(request.headers["Authorization"] == "NoOneKnowsThisScheme opaque-data=here")
        #expect(request.headers.contentLength == 0)
    }

    /// §3.3.8 Multiple Values in Single Value Required Fields: 400.
    @Test func multi01() throws { try F.expectRejected("multi01", .invalidHeader) }

    /// §3.3.9 Multiple Content-Length Values: a framing error, on datagrams and on streams.
    @Test func mcl01() throws {
        try F.expectRejected("mcl01", .invalidContentLength)
        var framer = SIPStreamFramer()
        let bytes = try F.bytes("mcl01")
        #expect(throws: SIPParseError(.invalidContentLength, "more than one Content-Length")) { try framer.append(bytes) }
    }

    /// §3.3.10 200 OK Response with Broadcast Via Header Field Value: parses; dropping it is policy.
    @Test func bcast() throws {
        let response = try F.response(F.roundTrip("bcast"))
        #expect(response.statusCode == 200)
        #expect(response.headers.vias.map(\.host) == ["192.0.2.198", "255.255.255.255"])
    }

    /// §3.3.11 Max-Forwards of Zero: legal.
    @Test func zeromf() throws {
        let request = try F.request(F.roundTrip("zeromf"))
        #expect(request.headers.maxForwards == 0)
    }

    /// §3.3.12 REGISTER with a Contact Header Parameter: `unknownparam` belongs to the header.
    @Test func cparam01() throws {
        let contact = try #require(F.request(F.roundTrip("cparam01")).headers.contacts.first)
        #expect(contact.parameters.contains("unknownparam"))
        #expect(contact.uri.parameters.isEmpty)
        #expect(contact.uri.user == "+19725552222")
    }

    /// §3.3.13 REGISTER with a url-parameter: `unknownparam` belongs to the URI.
    @Test func cparam02() throws {
        let contact = try #require(F.request(F.roundTrip("cparam02")).headers.contacts.first)
        #expect(contact.uri.parameters.contains("unknownparam"))
        #expect(contact.parameters.isEmpty)
        #expect(contact.description == "<sip:+19725552222@gw1.example.net;unknownparam>")
    }

    /// §3.3.14 REGISTER with a URL Escaped Header: the escaped Route stays in the contact URI.
    @Test func regescrt() throws {
        let contact = try #require(F.request(F.roundTrip("regescrt")).headers.contacts.first)
        #expect(contact.uri.headers == [.init(name: "Route", value: "%3Csip:sip.example.com%3E")])
        #expect(contact.uri.description == "sip:user@example.com?Route=%3Csip:sip.example.com%3E")
    }

    /// §3.3.15 Unacceptable Accept Offering: parses; the 406 is the application's matter.
    @Test func sdp01() throws {
        let request = try F.request(F.roundTrip("sdp01"))
        #expect(request.headers["Accept"] == "text/nobodyKnowsThis")
        #expect(request.body.count == 150)
    }
}

// MARK: - §3.4 Backward compatibility

extension RFC4475Tests {
    /// §3.4.1 INVITE with RFC 2543 Syntax: no branch, no From tag, no Content-Length (the body is the
    /// rest of the datagram), no Max-Forwards.
    @Test func inv2543() throws {
        let request = try F.request(F.parse("inv2543"))
        #expect(request.topVia?.branch == nil)
        #expect(request.headers.from?.tag == nil)
        #expect(request.headers.contentLength == nil && request.headers.maxForwards == nil)
        #expect(String(decoding: request.body, as: UTF8.self).hasPrefix("v=0\r\n"))
        #expect(request.body.count == 105)
        // Serializing adds the Content-Length a stream needs; everything else survives.
        let again = try F.request(SIPParser().parse(request.serialized()))
        #expect(again.headers.contentLength == 105)
        #expect(again.body == request.body && again.uri == request.uri)
    }
}
