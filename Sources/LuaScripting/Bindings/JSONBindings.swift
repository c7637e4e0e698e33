import Foundation
internal import CLua

/// `freeswitch.JSON()`: `decode(text)` → table (nil and an error on bad JSON), `encode(table)` → text (keys
/// sorted, so output is stable), `encode_empty_table_as_object(bool)` (default: `[]`), `execute(request)`.
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
            ("execute", { L in self.executeJSON(L) }),
            ("encode_empty_table_as_object", { L in
                emptyAsObject = LuaStack.bool(L, 2)
                return 0
            }),
        ])
        return 1
    }
}

extension ScriptRun {
    /// `execute(json_text_or_table)`: a request `{"command": "status", "data": "arguments"}` (`data` may also be
    /// `{"arg": "arguments"}`) runs the API command through the environment's API hook. Returns the output
    /// decoded as JSON (a table); when the output is not JSON, nil and the output text.
    func executeJSON(_ L: OpaquePointer) -> Int32 {
        let request: LuaTree
        if let text = LuaStack.string(L, 2) {
            guard let decoded = try? JSONDecoder().decode(LuaTree.self, from: Data(text.utf8)) else {
                return LuaStack.fail(L, "execute: invalid JSON request")
            }
            request = decoded
        } else {
            request = LuaTree.read(L, 2)
        }
        guard case .object(let fields) = request, case .string(let command)? = fields["command"], !command.isEmpty else {
            return LuaStack.fail(L, "execute: expected a request with a \"command\"")
        }
        let arguments: String
        switch fields["data"] {
        case .string(let text)?: arguments = text
        case .object(let data)?: if case .string(let text)? = data["arg"] { arguments = text } else { arguments = "" }
        default: arguments = ""
        }
        let api = environment.api
        return wait(L, "JSON:execute", media: false) {
            let output = await api(arguments.isEmpty ? command : command + " " + arguments)
            guard let tree = try? JSONDecoder().decode(LuaTree.self, from: Data(output.utf8)) else {
                return .values([.nil, .string(output)])
            }
            return .push { co in
                tree.push(co)
                return 1
            }
        }
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
