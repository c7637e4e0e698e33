import Foundation

/// A typed value could not be read from, or written as, JSON.
public struct JSONCodingError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension JSONValue {
    /// The JSON form of a `Codable` value (e.g. typed params or a result).
    public init(encoding value: some Encodable) throws(JSONCodingError) {
        let data: Data
        do {
            data = try JSONEncoder().encode(value)
        } catch {
            throw JSONCodingError(description: "\(error)")
        }
        do {
            self = try JSONValue(parsing: Array(data), limits: JSONLimits(maxBytes: .max, maxDepth: .max))
        } catch {
            throw JSONCodingError(description: "\(error)")
        }
    }

    /// Reads this JSON as a `Decodable` type. Unknown members are ignored; a missing required member or a
    /// member of the wrong type throws.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws(JSONCodingError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(serialized()))
        } catch {
            throw JSONCodingError(description: "\(error)")
        }
    }
}
