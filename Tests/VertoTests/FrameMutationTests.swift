import Testing

@testable import Verto

/// Mutation fuzzing of the frame parser: every mutant of the reference frames parses to something
/// (possibly an error reply) without trapping, and whatever parses re-serializes to a parseable frame.
@Suite struct FrameMutationTests {
    static let seeds = [
        #"{"jsonrpc":"2.0","id":2,"method":"login","params":{"login":"1008@pbx.example","passwd":"1234","loginParams":{},"userVariables":{"avatar":"x.png"},"sessid":"8a1f-c3"}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"verto.invite","params":{"sdp":"v=0\r\n","dialogParams":{"callID":"5d2c","destination_number":"9196","useVideo":false},"sessid":"s"}}"#,
        #"[{"jsonrpc":"2.0","id":1,"method":"verto.ping"},{"jsonrpc":"2.0","id":17,"result":{"method":"verto.invite"}}]"#,
        #"{"jsonrpc":"2.0","id":"x","method":"verto.broadcast","params":{"eventChannel":"c","data":{"liveArray":{"command":"bootstrap","obj":["\ud83d\ude00",1e5,-0.5,null]}}}}"#,
    ]

    /// xorshift64*: deterministic, so a failure reproduces.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    static func mutate(_ bytes: [UInt8], using rng: inout Generator) -> [UInt8] {
        var out = bytes
        let interesting: [UInt8] = Array("{}[]\":,\\u0123456789.eE-+tfn ".utf8) + [0, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !out.isEmpty else { break }
            let i = Int.random(in: 0..<out.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: out[i] = interesting.randomElement(using: &rng)!
            case 1: out.remove(at: i)
            case 2: out.insert(interesting.randomElement(using: &rng)!, at: i)
            default: out = Array(out[..<i])
            }
        }
        return out
    }

    /// What the peer reads back: an error reply to an invalid message is a response.
    static func asSent(_ frame: JSONRPCFrame) -> JSONRPCFrame {
        func sent(_ m: JSONRPCMessage) -> JSONRPCMessage {
            if case .invalid(let r) = m { return .response(r) }
            return m
        }
        switch frame {
        case .single(let m): return .single(sent(m))
        case .batch(let ms): return .batch(ms.map(sent))
        }
    }

    @Test func mutantsNeverTrapAndReparse() {
        var rng = Generator(state: 0x9E37_79B9_7F4A_7C15)
        var classified = 0
        for seed in Self.seeds {
            let bytes = Array(seed.utf8)
            for _ in 0..<2_000 {
                let mutant = Self.mutate(bytes, using: &rng)
                let frame = JSONRPCFrame.parse(mutant)
                let again = JSONRPCFrame.parse(frame.serialized())
                if again == Self.asSent(frame) { classified += 1 }
            }
        }
        // Re-serializing any classification reads back as the same messages.
        #expect(classified == Self.seeds.count * 2_000)
    }
}
