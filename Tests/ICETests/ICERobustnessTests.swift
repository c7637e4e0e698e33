import Testing
@testable import ICE
import STUN

/// Peer input never traps the agent: mutated checks and random STUN-looking datagrams.
@Suite struct ICERobustnessTests {
    @Test("mutated checks never trap; anything sent goes back to the source; only intact checks succeed")
    func mutatedChecks() throws {
        let local = ICELiteAgentTests.local
        var agent = ICELiteAgent(localCredentials: local, remoteCredentials: ICELiteAgentTests.remote, now: at(0))
        var rng = SeededGenerator(state: 8445)
        var check = CheckBuilder(local: local)
        check.useCandidate = true
        let original = check.bytes
        for round in 0..<5000 {
            var bytes = original
            switch round % 3 {
            case 0: bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            default:
                bytes[Int.random(in: 20..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            let source = TransportAddress(ip: .v4(UInt32(round)), port: UInt16(truncatingIfNeeded: round))
            let actions = agent.receive(bytes, from: source, now: at(Double(round) / 100))
            for action in actions {
                switch action {
                case .send(let reply, let to):
                    #expect(to == source)
                    #expect(STUNMessage.checkFingerprint(reply[...]) == .valid)
                    if (try? STUNMessage(parsing: reply))?.type == .bindingSuccessResponse {
                        #expect(bytes[..<(bytes.count - 32)] == original[..<(original.count - 32)])
                    }
                case .selected(let address): #expect(address == source)
                case .consentExpired: break
                }
            }
        }
    }

    @Test("random datagrams with a STUN header never trap")
    func randomDatagrams() {
        var agent = ICELiteAgent(localCredentials: ICELiteAgentTests.local, now: at(0))
        var rng = SeededGenerator(state: 7675)
        let source = ICELiteAgentTests.browser
        for _ in 0..<10_000 {
            let bodyLength = Int.random(in: 0...16, using: &rng) * 4
            var bytes: [UInt8] = [0, 1, 0, UInt8(bodyLength), 0x21, 0x12, 0xA4, 0x42]
            bytes += (0..<(12 + bodyLength)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = agent.receive(bytes, from: source, now: at(1))
        }
    }
}
