import STUN

extension ICECandidate {
    /// Parses an `a=candidate` value, with or without the `candidate:` prefix (as found in SDP after
    /// `a=`, or in trickled `RTCIceCandidate.candidate` strings). Transport and `typ` are matched
    /// case-insensitively; unknown extensions are kept in order.
    public init(parsing text: some StringProtocol) throws(ICECandidateParseError) {
        guard text.utf8.count <= Self.maximumLength else { throw .tooLong }
        var value = Substring(text)
        if value.hasPrefix("a=") { value = value.dropFirst(2) }
        if value.lowercased().hasPrefix("candidate:") { value = value.dropFirst("candidate:".count) }
        let fields = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        guard fields.count >= 8, fields[6].lowercased() == "typ" else { throw .missingField }
        guard (1...32).contains(fields[0].count), fields[0].allSatisfy(Self.isICEChar) else { throw .invalidFoundation }
        guard fields[1].count <= 3, let component = Int(fields[1]), (1...256).contains(component) else {
            throw .invalidComponentID
        }
        guard fields[2].allSatisfy(Self.isTokenChar) else { throw .invalidTransport }
        guard fields[3].count <= 10, fields[3].allSatisfy(\.isASCIIDigitCharacter), let priority = UInt32(fields[3])
        else { throw .invalidPriority }
        let address = try Self.connectionAddress(fields[4])
        let port = try Self.port(fields[5])
        guard let type = ICECandidateType(rawValue: fields[7].lowercased()) else { throw .unknownCandidateType }
        self.init(
            foundation: String(fields[0]), componentID: component, transport: String(fields[2]), priority: priority,
            address: address, port: port, type: type)
        try parseTail(fields.dropFirst(8))
    }

    /// `[raddr a] [rport p] *(name value)`.
    private mutating func parseTail(_ tail: ArraySlice<Substring>) throws(ICECandidateParseError) {
        var rest = tail
        while let name = rest.first {
            rest = rest.dropFirst()
            guard let value = rest.first else { throw .invalidExtension }
            rest = rest.dropFirst()
            switch name {
            case "raddr" where relatedAddress == nil && extensions.isEmpty:
                relatedAddress = try Self.connectionAddress(value)
            case "rport" where relatedPort == nil && extensions.isEmpty:
                relatedPort = try Self.port(value)
            default:
                guard extensions.count < Self.maximumExtensions else { throw .tooLong }
                guard name.allSatisfy(Self.isTokenChar) else { throw .invalidExtension }
                extensions.append(Extension(name: String(name), value: String(value)))
            }
        }
    }

    /// An IP address or an FQDN (letters, digits, `-`, `_`, `.`; at most 255), e.g. an mDNS name.
    private static func connectionAddress(_ text: Substring) throws(ICECandidateParseError) -> String {
        if IPAddress(text) != nil { return String(text) }
        let hostChars = text.allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_")
        }
        guard (1...255).contains(text.count), hostChars, text.contains(where: \.isLetter) else { throw .invalidAddress }
        return String(text)
    }

    private static func port(_ text: Substring) throws(ICECandidateParseError) -> UInt16 {
        guard text.count <= 5, text.allSatisfy(\.isASCIIDigitCharacter), let port = UInt16(text) else {
            throw .invalidPort
        }
        return port
    }

    /// `ice-char = ALPHA / DIGIT / "+" / "/"` (RFC 8839 §5.1).
    static func isICEChar(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "+" || character == "/")
    }

    /// RFC 4566 token characters.
    static func isTokenChar(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, ascii > 0x20, ascii < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".contains(character)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
