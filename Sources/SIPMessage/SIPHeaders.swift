/// The header fields of a SIP message, in wire order (RFC 3261 §7.3).
///
/// Names compare case-insensitively and compact forms (RFC 3261 §7.3.3) are equivalent to their long
/// forms: `headers["v"]` finds a `Via`. The order of fields is preserved for serialization; a header that
/// appears several times, or carries a comma-separated list, keeps each field value as it was received.
public struct SIPHeaders: Sendable, Equatable, Sequence {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field]

    public init() { self.fields = [] }

    public init(_ pairs: [(String, String)]) {
        self.fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value of the named header, or `nil`.
    public subscript(name: String) -> String? {
        let key = SIPHeaders.canonicalKey(name)
        return fields.first { SIPHeaders.fieldName($0.name, matches: key) }?.value
    }

    /// Every field value of the named header, in order, as received (not split at commas).
    public func values(_ name: String) -> [String] {
        let key = SIPHeaders.canonicalKey(name)
        return fields.filter { SIPHeaders.fieldName($0.name, matches: key) }.map(\.value)
    }

    /// Every element of the named header: each field value split at top-level commas
    /// (commas inside quoted strings or `<…>` do not split), trimmed of whitespace.
    public func elements(_ name: String) -> [String] {
        values(name).flatMap { SIPHeaders.splitElements($0) }
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

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
        let key = SIPHeaders.canonicalKey(name)
        if let first = fields.firstIndex(where: { SIPHeaders.fieldName($0.name, matches: key) }) {
            fields[first].value = value
            var index = fields.index(after: first)
            while index < fields.endIndex {
                if SIPHeaders.fieldName(fields[index].name, matches: key) {
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
        let key = SIPHeaders.canonicalKey(name)
        fields.removeAll { SIPHeaders.fieldName($0.name, matches: key) }
    }

    /// Removes the first field of that name (the top Via when a proxy or UAC strips its own).
    public mutating func removeFirst(_ name: String) {
        let key = SIPHeaders.canonicalKey(name)
        if let index = fields.firstIndex(where: { SIPHeaders.fieldName($0.name, matches: key) }) {
            fields.remove(at: index)
        }
    }

    /// RFC 3261 §7.3.3 compact forms, plus the RFC 3515/3841/4028/6665 ones in common use.
    static let compactForms: [String: String] = [
        "i": "call-id", "m": "contact", "e": "content-encoding", "l": "content-length",
        "c": "content-type", "f": "from", "s": "subject", "k": "supported", "t": "to", "v": "via",
        "o": "event", "r": "refer-to", "b": "referred-by", "u": "allow-events", "j": "reject-contact",
        "a": "accept-contact", "d": "request-disposition", "x": "session-expires", "y": "identity",
        "n": "identity-info",
    ]

    /// The lower-cased long name a header name stands for.
    public static func canonicalKey(_ name: String) -> String {
        let lower = name.lowercased()
        return compactForms[lower] ?? lower
    }

    /// How many fields carry the named header (compact forms included).
    public func count(of name: String) -> Int {
        count(ofCanonical: SIPHeaders.canonicalKey(name))
    }

    /// `count(of:)` for a key that is already a lower-cased long name.
    func count(ofCanonical key: String) -> Int {
        var n = 0
        for field in fields where SIPHeaders.fieldName(field.name, matches: key) { n += 1 }
        return n
    }

    /// Whether a field name stands for `key` (a lower-cased long name from `canonicalKey`), without
    /// allocating: this runs for every field on every lookup.
    static func fieldName(_ name: String, matches key: String) -> Bool {
        var iterator = name.utf8.makeIterator()
        if let only = iterator.next(), iterator.next() == nil {
            let lower = SIPParameters.asciiLower(only)
            guard lower < 128, let long = compactTable[Int(lower)] else { return key.utf8.count == 1 && key.utf8.first == lower }
            return long == key
        }
        return SIPParameters.namesMatch(name, key)
    }

    /// `compactForms` indexed by the ASCII code of the lower-case letter.
    static let compactTable: [String?] = (0..<128).map { code in
        compactForms[String(UnicodeScalar(UInt8(code)))]
    }

    /// Header elements split at top-level commas, keeping empty ones (so `Via: a,,b` can be rejected).
    static func rawElements(_ value: String) -> [Substring] {
        SIPGrammar.split(Substring(value), at: ",", angleBrackets: true)
    }

    /// Splits a header value at commas that are outside quoted strings and angle brackets.
    public static func splitElements(_ value: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inQuotes = false
        var inAngle = false
        var escaped = false
        for ch in value {
            if escaped {
                escaped = false
                current.append(ch)
                continue
            }
            switch ch {
            case "\\" where inQuotes:
                escaped = true
            case "\"":
                inQuotes.toggle()
            case "<" where !inQuotes:
                inAngle = true
            case ">" where !inQuotes:
                inAngle = false
            case "," where !inQuotes && !inAngle:
                let trimmed = current.trimmingSIPWhitespace()
                if !trimmed.isEmpty { result.append(trimmed) }
                current = ""
                continue
            default:
                break
            }
            current.append(ch)
        }
        let trimmed = current.trimmingSIPWhitespace()
        if !trimmed.isEmpty { result.append(trimmed) }
        return result
    }
}
