/// The legal edges between `ChannelState`s as a pure function, and the value that walks them.
/// Illegal inputs never trap: they return `.rejected` and the state stays.
public struct ChannelStateMachine: Sendable, Equatable {
    /// What happens to the leg.
    public enum Input: Sendable, Hashable, CaseIterable {
        case initialize
        case route
        case execute
        case bridge
        case unbridge
        case park
        case transfer
        case hangup
        case report
        case destroy
    }

    public enum Transition: Sendable, Equatable {
        case moved(from: ChannelState, to: ChannelState)
        case rejected(state: ChannelState, input: Input)
    }

    public private(set) var state: ChannelState

    public init(state: ChannelState = .new) {
        self.state = state
    }

    public mutating func apply(_ input: Input) -> Transition {
        guard let next = Self.next(from: state, on: input) else {
            return .rejected(state: state, input: input)
        }
        let previous = state
        state = next
        return .moved(from: previous, to: next)
    }

    /// The transition table. Nil means the input is not legal in that state.
    public static func next(from state: ChannelState, on input: Input) -> ChannelState? {
        switch (state, input) {
        case (.new, .initialize): .initial
        case (.new, .route), (.initial, .route): .routing
        case (.routing, .execute): .execute
        case (.park, .execute), (.exchangeMedia, .unbridge): .execute
        case (.execute, .bridge), (.park, .bridge), (.initial, .bridge): .exchangeMedia
        case (.execute, .park), (.routing, .park): .park
        case (.execute, .transfer), (.park, .transfer), (.exchangeMedia, .transfer): .routing
        case (.new, .hangup), (.initial, .hangup), (.routing, .hangup), (.execute, .hangup),
            (.exchangeMedia, .hangup), (.park, .hangup):
            .hangup
        case (.hangup, .report): .reporting
        case (.reporting, .destroy): .destroy
        default: nil
        }
    }
}
