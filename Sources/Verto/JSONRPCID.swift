/// A JSON-RPC 2.0 request id (§4): a number, a string, or `null` (only in error responses to requests whose
/// id could not be read, §5).
public enum JSONRPCID: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case null

    /// An integer id, as mod_verto numbers the requests it sends (§1.2: a global counter from 1).
    public init(_ value: Int) { self = .number(Double(value)) }

    /// Reads an id member; nil for values that cannot be ids (objects, arrays, booleans).
    public init?(json: JSONValue) {
        switch json {
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .null: self = .null
        case .bool, .array, .object: return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .null: .null
        }
    }

    public var description: String { json.jsonText }
}
