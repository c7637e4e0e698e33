import Foundation
internal import CLua

/// A Lua value including nested tables, for JSON and database rows. Tables whose keys are exactly 1…n are
/// arrays; other tables are objects with string keys (non-string keys are converted with `tostring` rules).
indirect enum LuaTree: Codable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([LuaTree])
    case object([String: LuaTree])

    /// Reads the value at `index` (tables recursively, up to `depth` levels; cycles stop there).
    static func read(_ L: OpaquePointer, _ index: Int32, depth: Int = 32) -> LuaTree {
        let index = lua_absindex(L, index)
        guard lua_type(L, index) == LUA_TTABLE else {
            switch LuaStack.value(L, index) {
            case .boolean(let b): return .bool(b)
            case .integer(let i): return .integer(i)
            case .number(let d): return .number(d)
            case .string(let s): return .string(s)
            case .nil, .other: return .null
            }
        }
        guard depth > 0 else { return .null }
        var entries: [(LuaValue, LuaTree)] = []
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            entries.append((LuaStack.value(L, -2), read(L, -1, depth: depth - 1)))
            lua_settop(L, -2)
        }
        let integerKeys = entries.compactMap { key, _ -> Int? in if case .integer(let i) = key { i } else { nil } }
        if !entries.isEmpty, integerKeys.count == entries.count, Set(integerKeys) == Set(1...entries.count) {
            return .array(entries.sorted { ($0.0.intValue ?? 0) < ($1.0.intValue ?? 0) }.map(\.1))
        }
        if entries.isEmpty { return .array([]) }
        var object: [String: LuaTree] = [:]
        for (key, value) in entries { object[key.stringValue ?? key.description] = value }
        return .object(object)
    }

    /// Pushes the value (tables as Lua tables; arrays 1-based).
    func push(_ L: OpaquePointer) {
        switch self {
        case .null: lua_pushnil(L)
        case .bool(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): LuaStack.push(L, s)
        case .array(let items):
            lua_createtable(L, Int32(items.count), 0)
            for (offset, item) in items.enumerated() {
                item.push(L)
                lua_rawseti(L, -2, lua_Integer(offset + 1))
            }
        case .object(let fields):
            lua_createtable(L, 0, Int32(fields.count))
            for (key, value) in fields {
                value.push(L)
                lua_setfield(L, -2, key)
            }
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let i = try? container.decode(Int.self) { self = .integer(i) }
        else if let d = try? container.decode(Double.self) { self = .number(d) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([LuaTree].self) { self = .array(a) }
        else { self = .object(try container.decode([String: LuaTree].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .integer(let i): try container.encode(i)
        case .number(let d): try container.encode(d)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}
