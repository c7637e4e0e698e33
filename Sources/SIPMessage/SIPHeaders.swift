/// The header fields of a SIP message, in wire order (RFC 3261 §7.3).
///
/// Names compare case-insensitively and compact forms (RFC 3261 §7.3.3) are equivalent to their long
/// forms: `headers["v"]` finds a `Via`. The order of fields is preserved for serialization; a header that
/// appears several times, or carries a comma-separated list, keeps each field value as it was received.
///
/// Each field stores its name's `Key` (computed once, when the field is added), so a lookup compares
/// small integers instead of lower-casing names. A message that passed the parser's validation also
/// carries the typed views validation built (`topVia`, `vias`, `from`, `to`, `cseq`, `contacts`), so
/// reading them does not parse again; any change to the fields drops them.
public struct SIPHeaders: Sendable, Equatable, Sequence {
    public struct Field: Sendable, Equatable {
        public var name: String {
            didSet { key = Key(name) }
        }
        public var value: String
        /// The name's canonical key, computed once when the name is set so that lookups never
        /// lower-case or hash it.
        private(set) var key: Key

        public init(name: String, value: String) {
            self.name = name
            self.value = value
            self.key = Key(name)
        }
    }

    public private(set) var fields: [Field] {
        didSet { validatedViews = nil }
    }

    /// The typed views the parser's validation already built (see `SIPParser+Validation.swift`); any
    /// change to the fields drops them. Not part of equality.
    var validatedViews: ValidatedViews?

    public static func == (lhs: SIPHeaders, rhs: SIPHeaders) -> Bool { lhs.fields == rhs.fields }

    public init() { self.fields = [] }

    public init(_ pairs: [(String, String)]) {
        self.fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value of the named header, or `nil`.
    public subscript(name: String) -> String? {
        let query = Query(name)
        for field in fields where query.matches(field) { return field.value }
        return nil
    }

    /// The first value of a well-known header, or `nil`.
    subscript(key: Key) -> String? {
        for field in fields where field.key == key { return field.value }
        return nil
    }

    /// Every field value of the named header, in order, as received (not split at commas).
    public func values(_ name: String) -> [String] {
        let query = Query(name)
        var result: [String] = []
        for field in fields where query.matches(field) { result.append(field.value) }
        return result
    }

    /// Every field value of a well-known header, in order.
    func values(_ key: Key) -> [String] {
        var result: [String] = []
        for field in fields where field.key == key { result.append(field.value) }
        return result
    }

    /// Every element of the named header: each field value split at top-level commas
    /// (commas inside quoted strings or `<…>` do not split), trimmed of whitespace.
    public func elements(_ name: String) -> [String] {
        values(name).flatMap { SIPHeaders.splitElements($0) }
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    /// Appends a field at the end.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Inserts a field before every other field (used for a new top Via).
    public mutating func prepend(_ name: String, _ value: String) {
        fields.insert(Field(name: name, value: value), at: 0)
    }

    /// Replaces every field of that name with one field, kept at the position of the first one.
    public mutating func set(_ name: String, _ value: String) {
        let query = Query(name)
        if let first = fields.firstIndex(where: { query.matches($0) }) {
            fields[first].value = value
            var index = fields.index(after: first)
            while index < fields.endIndex {
                if query.matches(fields[index]) {
                    fields.remove(at: index)
                } else {
                    index = fields.index(after: index)
                }
            }
        } else {
            add(name, value)
        }
    }

    /// Removes every field of that name.
    public mutating func remove(_ name: String) {
        let query = Query(name)
        fields.removeAll { query.matches($0) }
    }

    /// Removes the first field of that name (the top Via when a proxy or UAC strips its own).
    public mutating func removeFirst(_ name: String) {
        let query = Query(name)
        if let index = fields.firstIndex(where: { query.matches($0) }) {
            fields.remove(at: index)
        }
    }

    /// The lower-cased long name a header name stands for.
    public static func canonicalKey(_ name: String) -> String {
        if let known = Key(name).longName { return known }
        return name.lowercased()
    }

    /// How many fields carry the named header (compact forms included).
    public func count(of name: String) -> Int {
        let query = Query(name)
        var n = 0
        for field in fields where query.matches(field) { n += 1 }
        return n
    }

    /// How many fields carry a well-known header.
    func count(of key: Key) -> Int {
        var n = 0
        for field in fields where field.key == key { n += 1 }
        return n
    }

    /// Whether a field name stands for `key` (a lower-cased long name from `canonicalKey`), without
    /// allocating.
    static func fieldName(_ name: String, matches key: String) -> Bool {
        Query(key).matches(Field(name: name, value: ""))
    }

    /// Header elements split at top-level commas, keeping empty ones (so `Via: a,,b` can be rejected).
    static func rawElements(_ value: String) -> [Substring] {
        SIPGrammar.split(Substring(value), at: ",", angleBrackets: true)
    }

    /// Splits a header value at commas that are outside quoted strings and angle brackets, trimming each
    /// element and leaving out empty ones.
    public static func splitElements(_ value: String) -> [String] {
        var result: [String] = []
        for element in SIPGrammar.split(Substring(value), atByte: UInt8(ascii: ","), angleBrackets: true) {
            let trimmed = element.trimmingSIPWhitespaceSubstring()
            if !trimmed.isEmpty { result.append(String(trimmed)) }
        }
        return result
    }
}
