// Parses, validates, reads the typed views of, and serializes a realistic REGISTER with Authorization
// and its 200 OK, N times each, and prints the rate. Build with `swift build -c release`.
// Usage: ParseBench [iterations]
import SIPMessage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let register = """
    REGISTER sip:example.com SIP/2.0\r
    Via: SIP/2.0/UDP 192.0.2.10:5060;rport;branch=z9hG4bK776asdhds-1842\r
    Max-Forwards: 70\r
    From: "Alice Smith" <sip:alice@example.com>;tag=1928301774\r
    To: "Alice Smith" <sip:alice@example.com>\r
    Call-ID: a84b4c76e66710@pc33.example.com\r
    CSeq: 314160 REGISTER\r
    Contact: <sip:alice@192.0.2.10:5060;transport=udp>;expires=3600;+sip.instance="<urn:uuid:00000000-0000-1000-8000-000A95A0E128>"\r
    Authorization: Digest username="alice", realm="example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:example.com", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001\r
    User-Agent: Switchboard-Bench/1.0\r
    Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO\r
    Supported: path, outbound, gruu\r
    Expires: 3600\r
    Content-Length: 0\r
    \r

    """

let ok = """
    SIP/2.0 200 OK\r
    Via: SIP/2.0/UDP 192.0.2.10:5060;rport=5060;received=192.0.2.10;branch=z9hG4bK776asdhds-1842\r
    From: "Alice Smith" <sip:alice@example.com>;tag=1928301774\r
    To: "Alice Smith" <sip:alice@example.com>;tag=37GkEhwl6\r
    Call-ID: a84b4c76e66710@pc33.example.com\r
    CSeq: 314160 REGISTER\r
    Contact: <sip:alice@192.0.2.10:5060;transport=udp>;expires=3600\r
    Date: Sat, 13 Nov 2010 23:29:00 GMT\r
    Server: Switchboard/1.0\r
    Content-Length: 0\r
    \r

    """

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// One round: what a registrar does with a REGISTER and the reply it sends.
@inline(never)
func round(_ parser: SIPParser, _ request: [UInt8], _ response: [UInt8]) -> Int {
    var sink = 0
    do {
        let message = try parser.parse(request)
        guard case .request(let req) = message else { fatalError("not a request") }
        let headers = req.headers
        sink &+= headers.topVia?.branch?.utf8.count ?? 0
        sink &+= Int(headers.cseq?.sequence ?? 0)
        sink &+= headers.from?.tag?.utf8.count ?? 0
        sink &+= headers.to?.uri.addressOfRecord.utf8.count ?? 0
        sink &+= headers.callID?.utf8.count ?? 0
        sink &+= headers.contacts.count + (headers.expires ?? 0)
        sink &+= headers["Authorization"]?.utf8.count ?? 0
        sink &+= message.serialized().count
        let reply = try parser.parse(response)
        sink &+= reply.headers.topVia?.port ?? 0
        sink &+= reply.serialized().count
    } catch {
        fatalError("parse failed: \(error)")
    }
    return sink
}

let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let parser = SIPParser()
let request = Array(register.utf8)
let response = Array(ok.utf8)
var sink = 0
for _ in 0..<min(1_000, iterations) { sink &+= round(parser, request, response) }
let start = now()
for _ in 0..<iterations { sink &+= round(parser, request, response) }
let elapsed = now() - start
let perRound = elapsed / Double(iterations) * 1e6
print("rounds: \(iterations)  (REGISTER parse+validate+views+serialize, 200 OK parse+serialize)")
print("µs per round: \((perRound * 100).rounded() / 100), rounds/s: \(Int(Double(iterations) / elapsed))  [sink \(sink % 10)]")
