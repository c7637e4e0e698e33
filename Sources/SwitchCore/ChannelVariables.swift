/// A leg's variables (FreeSWITCH channel variables). Names are case-sensitive, as in FreeSWITCH.
public struct ChannelVariables: Sendable, Equatable {
    private var storage: [String: ChannelVariable]

    public init() {
        storage = [:]
    }

    /// Trusted variables from configuration or code.
    public init(system: [String: String]) {
        storage = system.mapValues { ChannelVariable(value: $0, origin: .system) }
    }

    public subscript(name: String) -> String? {
        storage[name]?.value
    }

    public func variable(_ name: String) -> ChannelVariable? {
        storage[name]
    }

    /// Sets a variable; `nil` or an empty value unsets it (the `set` application's rule).
    public mutating func set(_ name: String, _ value: String?, origin: VariableOrigin = .system) {
        guard let value, !value.isEmpty else {
            storage[name] = nil
            return
        }
        storage[name] = ChannelVariable(value: value, origin: origin)
    }

    /// Sets a variable to the result of an expansion, keeping the taint of anything a caller supplied.
    public mutating func set(_ name: String, expansion: Expansion) {
        set(name, expansion.text, origin: expansion.containsCallerText ? .caller : .system)
    }

    public mutating func remove(_ name: String) {
        storage[name] = nil
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// Names in ascending order, for stable listings (`info`, events).
    public var names: [String] { storage.keys.sorted() }

    /// Copies every variable of `other` over this one (`export`, originate `{}` blocks).
    public mutating func merge(_ other: ChannelVariables) {
        storage.merge(other.storage) { _, new in new }
    }
}
