import Foundation
internal import CLua

/// `freeswitch.JSON()`: `decode(text)` → table (nil and an error on bad JSON), `encode(table)` → text (keys
/// sorted, so output is stable), `encode_empty_table_as_object(bool)` (default: `[]`).
extension ScriptRun {
    func pushJSON(_ L: OpaquePointer) -> Int32 {
        var emptyAsObject = false
        pushObject(on: L, [
            ("decode", { L in
                guard let text = LuaStack.string(L, 2) else { return LuaStack.fail(L, "decode: expected a JSON string") }
                do {
                    try JSONDecoder().decode(LuaTree.self, from: Data(text.utf8)).push(L)
                    return 1
                } catch {
                    lua_pushnil(L)
                    LuaStack.push(L, "invalid JSON")
                    return 2
                }
            }),
            ("encode", { L in
                var tree = LuaTree.read(L, 2)
                if emptyAsObject { tree = tree.emptyTablesAsObjects() }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                guard let data = try? encoder.encode(tree) else { return LuaStack.fail(L, "encode: cannot encode") }
                LuaStack.push(L, String(decoding: data, as: UTF8.self))
                return 1
            }),
            ("encode_empty_table_as_object", { L in
                emptyAsObject = LuaStack.bool(L, 2)
                return 0
            }),
        ])
        return 1
    }
}

extension LuaTree {
    func emptyTablesAsObjects() -> LuaTree {
        switch self {
        case .array(let items): items.isEmpty ? .object([:]) : .array(items.map { $0.emptyTablesAsObjects() })
        case .object(let fields): .object(fields.mapValues { $0.emptyTablesAsObjects() })
        default: self
        }
    }
}
