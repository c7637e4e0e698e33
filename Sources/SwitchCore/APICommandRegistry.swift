/// An API command (`status`, `show`, `uuid_kill` …): takes the argument text, returns the reply body.
public typealias APICommand = @Sendable (_ arguments: String) async -> String

/// API command name → implementation, as `api`/`bgapi` on the event socket and the console reach them.
public struct APICommandRegistry: Sendable {
    private var commands: [String: (description: String, command: APICommand)] = [:]

    public init() {}

    public mutating func register(_ name: String, description: String = "", _ command: @escaping APICommand) {
        commands[name] = (description, command)
    }

    public func command(named name: String) -> APICommand? {
        commands[name]?.command
    }

    /// Registered names in ascending order (`show api`).
    public var names: [String] { commands.keys.sorted() }

    public func description(of name: String) -> String? {
        commands[name]?.description
    }

    /// Runs a command line such as `uuid_kill 1234 USER_BUSY`: the first word is the command, the rest
    /// (trimmed) its arguments. An unknown command gives FreeSWITCH's `-ERR <cmd> Command not found!`.
    public func execute(_ line: String) async -> String {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        let name = String(trimmed.prefix(while: { $0 != " " && $0 != "\t" }))
        let arguments = trimmed.dropFirst(name.count).drop(while: { $0 == " " || $0 == "\t" })
        guard let command = commands[name]?.command else {
            return "-ERR \(name) Command not found!\n"
        }
        return await command(String(arguments).trimmingTrailingWhitespace())
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var result = self
        while let last = result.last, last.isWhitespace {
            result.removeLast()
        }
        return result
    }
}
