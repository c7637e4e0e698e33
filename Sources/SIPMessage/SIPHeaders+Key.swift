extension SIPHeaders {
    /// A header name reduced to what lookups compare: the number of a well-known header (its compact
    /// form folded in, RFC 3261 §7.3.3), or `other` for any other name, which is then compared
    /// byte by byte, ASCII case-insensitively. Computed once per field, so a lookup compares integers.
    struct Key: Sendable, Hashable {
        let code: UInt8

        static let other = Key(code: 0)
        static let via = Key(known: "via")
        static let from = Key(known: "from")
        static let to = Key(known: "to")
        static let callID = Key(known: "call-id")
        static let cseq = Key(known: "cseq")
        static let contact = Key(known: "contact")
        static let contentLength = Key(known: "content-length")
        static let contentType = Key(known: "content-type")
        static let maxForwards = Key(known: "max-forwards")
        static let expires = Key(known: "expires")
        static let date = Key(known: "date")

        private init(code: UInt8) { self.code = code }

        private init(known name: String) {
            self.code = UInt8(Key.longNames.firstIndex(of: name).map { $0 + 1 } ?? 0)
        }

        /// The key of a field name; never allocates.
        init(_ name: String) {
            var name = name
            self = name.withUTF8 { Key(bytes: $0) }
        }

        init(bytes: UnsafeBufferPointer<UInt8>) {
            if bytes.count == 1 {
                let lower = SIPParameters.asciiLower(bytes[0])
                self.code = lower < 128 ? Key.compactCodes[Int(lower)] : 0
                return
            }
            guard bytes.count < Key.codesByLength.count else {
                self.code = 0
                return
            }
            for code in Key.codesByLength[bytes.count] where Key.equalsLowered(bytes, Key.longNameBytes[Int(code) - 1]) {
                self.code = code
                return
            }
            self.code = 0
        }

        /// The lower-cased long name, `nil` for `other`.
        var longName: String? { code == 0 ? nil : Key.longNames[Int(code) - 1] }

        /// Headers looked up by the stack; every compact form's long name must be here.
        static let longNames: [String] = [
            "via", "from", "to", "call-id", "cseq", "contact", "content-length", "content-type", "max-forwards",
            "expires", "date", "content-encoding", "subject", "supported", "event", "refer-to", "referred-by",
            "allow-events", "reject-contact", "accept-contact", "request-disposition", "session-expires", "identity",
            "identity-info", "route", "record-route", "authorization", "proxy-authorization", "www-authenticate",
            "proxy-authenticate", "allow", "require", "proxy-require", "unsupported", "user-agent", "server",
            "accept", "path", "min-expires", "retry-after", "timestamp", "rseq", "rack",
        ]

        /// RFC 3261 §7.3.3 compact forms, plus the RFC 3515/3841/4028/6665 ones in common use.
        static let compactForms: [String: String] = [
            "i": "call-id", "m": "contact", "e": "content-encoding", "l": "content-length",
            "c": "content-type", "f": "from", "s": "subject", "k": "supported", "t": "to", "v": "via",
            "o": "event", "r": "refer-to", "b": "referred-by", "u": "allow-events", "j": "reject-contact",
            "a": "accept-contact", "d": "request-disposition", "x": "session-expires", "y": "identity",
            "n": "identity-info",
        ]

        private static let longNameBytes: [[UInt8]] = longNames.map { Array($0.utf8) }

        /// Codes of the long names, indexed by name length.
        private static let codesByLength: [[UInt8]] = {
            var table = [[UInt8]](repeating: [], count: 1 + (longNames.map(\.utf8.count).max() ?? 0))
            for (index, name) in longNames.enumerated() { table[name.utf8.count].append(UInt8(index + 1)) }
            return table
        }()

        /// Codes of the compact forms, indexed by the ASCII code of the lower-case letter.
        private static let compactCodes: [UInt8] = (0..<128).map { ascii in
            guard let long = compactForms[String(UnicodeScalar(UInt8(ascii)))] else { return 0 }
            return Key(known: long).code
        }

        private static func equalsLowered(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: [UInt8]) -> Bool {
            guard bytes.count == lower.count else { return false }
            for i in 0..<lower.count where SIPParameters.asciiLower(bytes[i]) != lower[i] { return false }
            return true
        }
    }

    /// A name being looked up: its key, and for a name that is not well known the name itself.
    struct Query {
        let key: Key
        let name: String

        init(_ name: String) {
            self.key = Key(name)
            self.name = name
        }

        func matches(_ field: Field) -> Bool {
            if key != .other { return field.key == key }
            return field.key == .other && SIPParameters.namesMatch(field.name, name)
        }
    }

    /// What validation parsed: the typed views every layer reads, kept so they are not parsed again.
    final class ValidatedViews: Sendable {
        let vias: [SIPVia]
        let from: SIPNameAddress
        let to: SIPNameAddress
        let cseq: SIPCSeq
        let contacts: [SIPNameAddress]

        init(vias: [SIPVia], from: SIPNameAddress, to: SIPNameAddress, cseq: SIPCSeq, contacts: [SIPNameAddress]) {
            self.vias = vias
            self.from = from
            self.to = to
            self.cseq = cseq
            self.contacts = contacts
        }
    }
}
