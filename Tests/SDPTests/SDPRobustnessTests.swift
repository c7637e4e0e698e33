import Testing
@testable import SDP

/// Peer input never traps: every prefix and single-line corruption of the fixtures either parses
/// (and then round-trips) or throws ``SDPParseError``.
@Suite struct SDPRobustnessTests {
    static let fixtures = [SDPFixtures.baresipOffer, SDPFixtures.sippOffer, SDPFixtures.chromeOffer]

    @Test("every line-prefix of every fixture parses or throws, and parsed ones round-trip")
    func prefixes() throws {
        for fixture in Self.fixtures {
            let lines = fixture.split(separator: "\n", omittingEmptySubsequences: false)
            for n in 0...lines.count {
                let text = lines.prefix(n).joined(separator: "\n")
                guard let sdp = try? SessionDescription(parsing: text) else { continue }
                #expect(try SessionDescription(parsing: sdp.serialize()) == sdp)
            }
        }
    }

    @Test("dropping the middle character of each line never traps, and negotiation never traps")
    func corruptions() throws {
        var rejected = 0
        for fixture in Self.fixtures {
            let lines = fixture.split(separator: "\r\n", omittingEmptySubsequences: false)
                .flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
            for index in lines.indices where lines[index].count > 2 {
                var mutated = lines.map(String.init)
                let line = mutated[index]
                let middle = line.index(line.startIndex, offsetBy: line.count / 2)
                mutated[index].remove(at: middle)
                do {
                    let sdp = try SessionDescription(parsing: mutated.joined(separator: "\r\n"))
                    var negotiator = SDPNegotiator(configuration: .init(localAddress: "192.0.2.1", sessionID: "1"))
                    _ = try? negotiator.answer(toOffer: sdp, localPort: 4000)
                } catch {
                    rejected += 1
                }
            }
        }
        #expect(rejected > 0)
    }
}
