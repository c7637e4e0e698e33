/// A Lua value as seen from Swift: the scalar types a script and the server exchange.
///
/// Lua 5.4 distinguishes integer and float subtypes of `number` (Lua 5.4 manual §2.1), so they
/// are separate cases here. Tables, functions, userdata and threads are not converted; they
/// appear as ``other(typeName:)`` carrying Lua's own type name.
public enum LuaValue: Sendable, Equatable, CustomStringConvertible {
    case `nil`
    case boolean(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case other(typeName: String)

    /// The value as a string, converting numbers the way Lua's `tostring` would for scalars.
    public var stringValue: String? {
        switch self {
        case .string(let s): s
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .nil, .boolean, .other: nil
        }
    }

    /// The value as an integer: integers, floats with an exact integer value, and numeric strings
    /// (Lua 5.4 manual §3.4.3 string-to-number coercion, decimal only).
    public var intValue: Int? {
        switch self {
        case .integer(let i): i
        case .number(let d): Int(exactly: d)
        case .string(let s): Int(s.trimmingWhitespace())
        case .nil, .boolean, .other: nil
        }
    }

    /// The value as a float; integers are widened.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        case .string(let s): Double(s.trimmingWhitespace())
        case .nil, .boolean, .other: nil
        }
    }

    /// Lua truthiness (manual §3.3.4): only `nil` and `false` are false.
    public var boolValue: Bool {
        switch self {
        case .nil: false
        case .boolean(let b): b
        case .integer, .number, .string, .other: true
        }
    }

    public var description: String {
        switch self {
        case .nil: "nil"
        case .boolean(let b): String(b)
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .string(let s): s.debugDescription
        case .other(let typeName): "<\(typeName)>"
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
