import Foundation
import Testing
@testable import SIPMessage

/// The RFC 4475 messages under Fixtures/RFC4475, bit-exact (see Fixtures/README.md).
enum RFC4475Fixture {
    /// §3.1.1: valid messages.
    static let valid = [
        "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports",
        "mpart01", "unreason", "noreason",
    ]
    /// §3.1.2: invalid messages.
    static let invalid = [
        "badinv01", "clerr", "ncl", "scalar02", "scalarlg", "quotbal", "ltgtruri", "lwsruri", "lwsstart", "trws",
        "escruri", "baddate", "regbadct", "badaspec", "baddn", "badvers", "mismatch01", "mismatch02", "bigcode",
    ]
    /// §3.2, §3.3 and §3.4: transaction-layer, application-layer and backward-compatibility messages.
    static let semantic = [
        "badbranch", "insuf", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01", "multi01", "mcl01",
        "bcast", "zeromf", "cparam01", "cparam02", "regescrt", "sdp01", "inv2543",
    ]
    static let all = valid + invalid + semantic

    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "sip", subdirectory: "Fixtures/RFC4475"),
            "missing fixture \(name).sip")
        return [UInt8](try Data(contentsOf: url))
    }

    static func parse(_ name: String) throws -> SIPMessage {
        try SIPParser().parse(bytes(name))
    }

    /// Parses, serializes, parses again; the two parses must be equal (start line, headers, body).
    @discardableResult
    static func roundTrip(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SIPMessage {
        let first = try parse(name)
        let second = try SIPParser().parse(first.serialized())
        #expect(first == second, "\(name) changed through serialize/parse", sourceLocation: sourceLocation)
        return first
    }

    /// The message must be rejected with `code` (and so the server answers `status`).
    static func expectRejected(
        _ name: String, _ code: SIPParseError.Code, status: Int = 400, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let bytes = try bytes(name)
        let error = #expect(throws: SIPParseError.self, sourceLocation: sourceLocation) { try SIPParser().parse(bytes) }
        #expect(error?.code == code, "\(name): \(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.statusCode == status, sourceLocation: sourceLocation)
    }

    static func request(_ message: SIPMessage, sourceLocation: SourceLocation = #_sourceLocation) throws -> SIPRequest {
        guard case .request(let r) = message else {
            Issue.record("expected a request", sourceLocation: sourceLocation)
            throw SIPParseError(.invalidStartLine)
        }
        return r
    }

    static func response(_ message: SIPMessage, sourceLocation: SourceLocation = #_sourceLocation) throws -> SIPResponse {
        guard case .response(let r) = message else {
            Issue.record("expected a response", sourceLocation: sourceLocation)
            throw SIPParseError(.invalidStartLine)
        }
        return r
    }
}
