import Testing
@testable import SwitchCore

struct ChannelStateMachineTests {
    typealias Input = ChannelStateMachine.Input

    /// Every legal edge. Every (state, input) pair not listed here must be rejected.
    static let legal: [ChannelState: [Input: ChannelState]] = [
        .new: [.initialize: .initial, .route: .routing, .hangup: .hangup],
        // An outbound leg placed by `bridge` goes from CS_INIT straight to CS_EXCHANGE_MEDIA when it answers.
        .initial: [.route: .routing, .bridge: .exchangeMedia, .hangup: .hangup],
        .routing: [.execute: .execute, .park: .park, .hangup: .hangup],
        .execute: [.bridge: .exchangeMedia, .park: .park, .transfer: .routing, .hangup: .hangup],
        .exchangeMedia: [.unbridge: .execute, .transfer: .routing, .hangup: .hangup],
        .park: [.execute: .execute, .bridge: .exchangeMedia, .transfer: .routing, .hangup: .hangup],
        .hangup: [.report: .reporting],
        .reporting: [.destroy: .destroy],
        .destroy: [:],
    ]

    struct Row: Sendable, CustomTestStringConvertible {
        let state: ChannelState
        let input: Input
        let expected: ChannelState?
        var testDescription: String { "\(state.name) --\(input)--> \(expected?.name ?? "rejected")" }
    }

    static let rows: [Row] = ChannelState.allCases.flatMap { state in
        Input.allCases.map { Row(state: state, input: $0, expected: legal[state]?[$0]) }
    }

    @Test(arguments: rows)
    func transitionTable(_ row: Row) {
        #expect(ChannelStateMachine.next(from: row.state, on: row.input) == row.expected)
        var machine = ChannelStateMachine(state: row.state)
        let transition = machine.apply(row.input)
        if let expected = row.expected {
            #expect(transition == .moved(from: row.state, to: expected))
            #expect(machine.state == expected)
        } else {
            #expect(transition == .rejected(state: row.state, input: row.input))
            #expect(machine.state == row.state)
        }
    }

    @Test func tableCoversEveryPair() {
        #expect(Self.rows.count == ChannelState.allCases.count * Input.allCases.count)
    }

    @Test func normalCallWalk() {
        var machine = ChannelStateMachine()
        let inputs: [Input] = [.initialize, .route, .execute, .bridge, .unbridge, .hangup, .report, .destroy]
        let states = inputs.map { input -> ChannelState in
            _ = machine.apply(input)
            return machine.state
        }
        #expect(states == [.initial, .routing, .execute, .exchangeMedia, .execute, .hangup, .reporting, .destroy])
        #expect(states.map(\.name) == [
            "CS_INIT", "CS_ROUTING", "CS_EXECUTE", "CS_EXCHANGE_MEDIA", "CS_EXECUTE", "CS_HANGUP", "CS_REPORTING",
            "CS_DESTROY",
        ])
    }

    @Test func endingStates() {
        #expect(ChannelState.allCases.filter(\.isEnding) == [.hangup, .reporting, .destroy])
    }
}
