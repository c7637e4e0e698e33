import Foundation
import Testing
@testable import SIPMessage

/// Peer input never traps (STYLE.md §2.3): random, binary, truncated and mutated messages either parse
/// or throw `SIPParseError`. A trap would crash the test process, so reaching the end is the assertion;
/// the counts check that the loops really ran both outcomes.
@Suite("Robustness")
struct SIPRobustnessTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Feeds bytes to the parser, the stream framer and every typed view; returns whether it parsed.
    @discardableResult
    static func exercise(_ bytes: [UInt8]) -> Bool {
        var framer = SIPStreamFramer()
        if let frames = try? framer.append(bytes) {
            for frame in frames { _ = try? SIPParser().parse(frame) }
        }
        _ = try? SIPParser(validatesHeaders: false).parse(bytes)
        guard let message = try? SIPParser().parse(bytes) else { return false }
        let h = message.headers
        _ = (h.vias, h.topVia, h.from, h.to, h.cseq, h.contacts, h.expires, h.maxForwards, h.contentLength)
        _ = try? SIPParser().parse(message.serialized())
        return true
    }

    @Test("random bytes, random printable text and empty input never trap")
    func randomData() {
        var rng = SplitMix64(state: 4475)
        let alphabet = Array("INVITE sip:SIP/2.0\r\n:;,=\"<>[]@%\\ \tabcz0129".utf8)
        for round in 0..<2_000 {
            let length = Int.random(in: 0...300, using: &rng)
            let bytes: [UInt8] = round.isMultiple(of: 2)
                ? (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                : (0..<length).map { _ in alphabet.randomElement(using: &rng) ?? 0 }
            Self.exercise(bytes)
        }
        Self.exercise([])
        Self.exercise([0])
    }

    @Test("every prefix of every RFC 4475 fixture is handled without trapping")
    func truncated() throws {
        var parsedPrefixes = 0
        for name in RFC4475Fixture.all {
            let bytes = try RFC4475Fixture.bytes(name)
            for end in stride(from: 0, through: bytes.count, by: 7) {
                if Self.exercise(Array(bytes[..<end])) { parsedPrefixes += 1 }
            }
        }
        // Bodies cut short with Content-Length present are errors; messages without a body parse only whole.
        #expect(parsedPrefixes < 200)
    }

    @Test("mutated fixtures (byte flips, insertions, deletions, splices) never trap")
    func mutatedFixtures() throws {
        var rng = SplitMix64(state: 0x5157_4475)
        let seeds = try RFC4475Fixture.all.map { try RFC4475Fixture.bytes($0) }
        let interesting: [UInt8] = Array("\r\n \t:;,=\"<>[]@%\\/?0123456789-+".utf8) + [0, 0x7F, 0x80, 0xFF]
        var parsed = 0
        var rejected = 0
        for _ in 0..<3_000 {
            var bytes = seeds.randomElement(using: &rng) ?? []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: bytes[at] = interesting.randomElement(using: &rng) ?? 0
                case 1: bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: at)
                case 2: bytes.remove(at: at)
                case 3: bytes.replaceSubrange(at..<min(bytes.count, at + 8), with: Array("99999999999999999999".utf8))
                default:
                    let other = seeds.randomElement(using: &rng) ?? []
                    let from = Int.random(in: 0..<max(other.count, 1), using: &rng)
                    bytes.insert(contentsOf: other[min(from, other.count)...].prefix(40), at: at)
                }
            }
            if Self.exercise(bytes) { parsed += 1 } else { rejected += 1 }
        }
        #expect(parsed > 0 && rejected > 0, "parsed \(parsed), rejected \(rejected)")
    }

    @Test("header and nesting floods hit the limits, not the stack")
    func floods() {
        let manyHeaders = "OPTIONS sip:a@b SIP/2.0\r\n" + String(repeating: "X: y\r\n", count: 5_000) + "\r\n"
        let error = #expect(throws: SIPParseError.self) { try SIPParser(limits: .init(maxMessageSize: 1 << 20)).parse(Array(manyHeaders.utf8)) }
        #expect(error?.code == .tooManyHeaders)
        let quotes = "OPTIONS sip:a@b SIP/2.0\r\nTo: " + String(repeating: "\"\\", count: 3_000) + "\r\n\r\n"
        #expect(throws: SIPParseError.self) { try SIPParser().parse(Array(quotes.utf8)) }
        let semis = "SIP/2.0/UDP h" + String(repeating: ";", count: 10_000)
        #expect(throws: SIPParseError.self) { try SIPVia(parsing: semis) }
    }
}
