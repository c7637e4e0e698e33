import Testing
@testable import SwitchCore

struct CallStateTests {
    typealias Input = CallState.Input

    static let legal: [CallState: [Input: CallState]] = [
        .down: [.ring: .ringing, .preAnswer: .early, .answer: .active, .hangup: .hangup],
        .ringing: [.preAnswer: .early, .answer: .active, .hangup: .hangup],
        .early: [.answer: .active, .hangup: .hangup],
        .active: [.hold: .held, .hangup: .hangup],
        .held: [.unhold: .active, .hangup: .hangup],
        .hangup: [:],
    ]

    struct Row: Sendable, CustomTestStringConvertible {
        let state: CallState
        let input: Input
        let expected: CallState?
        var testDescription: String { "\(state.name) --\(input)--> \(expected?.name ?? "rejected")" }
    }

    static let rows: [Row] = CallState.allCases.flatMap { state in
        Input.allCases.map { Row(state: state, input: $0, expected: legal[state]?[$0]) }
    }

    @Test(arguments: rows)
    func transitionTable(_ row: Row) {
        #expect(CallState.next(from: row.state, on: row.input) == row.expected)
    }

    @Test func names() {
        #expect(CallState.allCases.map(\.name) == ["DOWN", "RINGING", "EARLY", "ACTIVE", "HELD", "HANGUP"])
    }
}
