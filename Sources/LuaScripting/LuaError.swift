/// An error raised while loading or running a Lua chunk.
///
/// ``message`` is Lua's error message. For errors raised with a position it starts with
/// `chunk-name:line:` (e.g. `greeting.lua:3: attempt to index a nil value`).
public struct LuaError: Error, Equatable, CustomStringConvertible {
    /// What kind of failure this is; mirrors Lua's status codes (`LUA_ERRSYNTAX`, `LUA_ERRRUN`, …)
    /// plus the server's own instruction-budget abort.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: Sendable, Hashable { case syntax, runtime, memory, handler, budget }
        private let code: Code

        /// The chunk did not compile (`LUA_ERRSYNTAX`).
        public static let syntax = Kind(code: .syntax)
        /// A runtime error (`LUA_ERRRUN`), including errors raised by Swift functions.
        public static let runtime = Kind(code: .runtime)
        /// Allocation failure (`LUA_ERRMEM`).
        public static let memory = Kind(code: .memory)
        /// Error while running the message handler (`LUA_ERRERR`).
        public static let messageHandler = Kind(code: .handler)
        /// The run used more instructions than ``LuaState/instructionBudget`` allows.
        public static let instructionBudgetExceeded = Kind(code: .budget)

        public var description: String {
            switch code {
            case .syntax: "syntax"
            case .runtime: "runtime"
            case .memory: "memory"
            case .handler: "messageHandler"
            case .budget: "instructionBudgetExceeded"
            }
        }
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind = .runtime, message: String) {
        self.kind = kind
        self.message = message
    }

    /// An error a Swift function registered with ``LuaState/register(_:_:)`` throws to raise a Lua
    /// error. Lua prefixes the calling script's `chunk:line:` to the message.
    public static func raise(_ message: String) -> LuaError {
        LuaError(.runtime, message: message)
    }

    public var description: String { "LuaError(\(kind)): \(message)" }
}
