extension SessionDescription {
    /// Parses an SDP body (RFC 8866 §5, §9 grammar). Accepts CRLF or bare LF line endings and ignores
    /// blank lines; rejects unknown line types, a missing `v=`/`o=`/`s=`, and malformed fields with
    /// ``SDPParseError``. A missing `t=` is tolerated (several SIP stacks omit it) and defaults to `t=0 0`.
    public init(parsing text: String) throws(SDPParseError) {
        var lines: [(number: Int, type: Character, value: Substring)] = []
        for (index, raw) in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" }
        ).enumerated() {
            // "\r\n" is a single Character in Swift, so both endings are separators here.
            let lineText = raw
            if lineText.isEmpty { continue }
            guard lineText.count >= 2, let type = lineText.first, type.isASCII, type.isLowercase,
                  lineText[lineText.index(after: lineText.startIndex)] == "=" else {
                throw .malformedLine(line: index + 1, text: String(lineText))
            }
            lines.append((index + 1, type, lineText.dropFirst(2)))
        }
        guard let first = lines.first else { throw .empty }
        guard first.type == "v" else { throw .missingVersion(line: first.number, text: String(first.value)) }
        guard first.value == "0" else { throw .unsupportedVersion(line: first.number, text: String(first.value)) }
        var builder = SessionDescriptionBuilder()
        for line in lines.dropFirst() {
            try builder.consume(type: line.type, value: line.value, line: line.number)
        }
        self = try builder.build()
    }
}

/// Accumulates lines in order for ``SessionDescription/init(parsing:)``.
private struct SessionDescriptionBuilder {
    var origin: SDPOrigin?
    var sessionName: String?
    var session = SessionDescription(origin: SDPOrigin(sessionID: "0", sessionVersion: 0, unicastAddress: ""), timings: [])
    var media: [MediaDescription] = []

    mutating func consume(type: Character, value: Substring, line: Int) throws(SDPParseError) {
        if media.isEmpty, type != "m" {
            try consumeSession(type: type, value: value, line: line)
            return
        }
        let malformed = SDPParseError.malformedField(type, line: line, text: String(value))
        switch type {
        case "m":
            guard let m = MediaDescription(parsingMediaLine: value) else { throw malformed }
            media.append(m)
        case "i": media[media.count - 1].information = String(value)
        case "c":
            guard let c = SDPConnection(parsing: value) else { throw malformed }
            media[media.count - 1].connection = c
        case "b":
            guard let b = SDPBandwidth(parsing: value) else { throw malformed }
            media[media.count - 1].bandwidths.append(b)
        case "k": media[media.count - 1].otherFields.append(SDPField(type: type, value: String(value)))
        case "a":
            guard let a = SDPAttribute(parsing: value) else { throw malformed }
            media[media.count - 1].attributes.append(a)
        default:
            throw .malformedLine(line: line, text: "\(type)=\(value)")
        }
    }

    private mutating func consumeSession(type: Character, value: Substring, line: Int) throws(SDPParseError) {
        let malformed = SDPParseError.malformedField(type, line: line, text: String(value))
        switch type {
        case "o":
            guard origin == nil, let o = SDPOrigin(parsing: value) else { throw malformed }
            origin = o
        case "s":
            guard sessionName == nil else { throw malformed }
            sessionName = String(value)
        case "i": session.information = String(value)
        case "u", "e", "p": session.descriptionFields.append(SDPField(type: type, value: String(value)))
        case "c":
            guard session.connection == nil, let c = SDPConnection(parsing: value) else { throw malformed }
            session.connection = c
        case "b":
            guard let b = SDPBandwidth(parsing: value) else { throw malformed }
            session.bandwidths.append(b)
        case "t":
            guard let t = SDPTiming(parsing: value) else { throw malformed }
            session.timings.append(t)
        case "r", "z", "k": session.timeFields.append(SDPField(type: type, value: String(value)))
        case "a":
            guard let a = SDPAttribute(parsing: value) else { throw malformed }
            session.attributes.append(a)
        default:
            throw .malformedLine(line: line, text: "\(type)=\(value)")
        }
    }

    func build() throws(SDPParseError) -> SessionDescription {
        guard let origin else { throw .missingField("o") }
        guard let sessionName else { throw .missingField("s") }
        var result = session
        result.origin = origin
        result.sessionName = sessionName
        if result.timings.isEmpty { result.timings = [SDPTiming()] }
        result.media = media
        return result
    }
}
