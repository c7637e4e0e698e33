extension SIPMessage {
    /// The wire form: start line, headers in order, a Content-Length that matches the body (always
    /// written, as stream transports require it, RFC 3261 §20.14; kept where it stood), empty line, body.
    public func serialized() -> [UInt8] {
        switch self {
        case .request(let r): return r.serialized()
        case .response(let r): return r.serialized()
        }
    }
}

extension SIPRequest {
    public func serialized() -> [UInt8] {
        let uri = uri.description
        var writer = SIPMessageWriter(capacity: method.rawValue.utf8.count + uri.utf8.count + 10, headers: headers, body: body)
        writer.append(method.rawValue)
        writer.append(" ")
        writer.append(uri)
        writer.append(" SIP/2.0\r\n")
        return writer.finish(headers: headers, body: body)
    }
}

extension SIPResponse {
    public func serialized() -> [UInt8] {
        var writer = SIPMessageWriter(capacity: reasonPhrase.utf8.count + 16, headers: headers, body: body)
        writer.append("SIP/2.0 ")
        writer.appendDecimal(statusCode)
        writer.append(" ")
        writer.append(reasonPhrase)
        writer.append("\r\n")
        return writer.finish(headers: headers, body: body)
    }
}

/// Writes a message into one buffer reserved up front: no intermediate strings per header.
struct SIPMessageWriter {
    private var out: [UInt8] = []

    init(capacity startLine: Int, headers: SIPHeaders, body: [UInt8]) {
        var size = startLine + 32 + body.count
        for field in headers.fields { size += field.name.utf8.count + field.value.utf8.count + 4 }
        out.reserveCapacity(size)
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A number in decimal (a small string, so nothing is allocated).
    mutating func appendDecimal(_ value: Int) {
        append(String(value))
    }

    /// Writes the headers in order, the empty line and the body, and returns the bytes. The first
    /// Content-Length field (under whatever name it had, `l` included) is written in place with the
    /// body's real length and any further ones are dropped; without one, Content-Length is appended last.
    consuming func finish(headers: SIPHeaders, body: [UInt8]) -> [UInt8] {
        var wroteLength = false
        for field in headers.fields {
            let isLength = field.key == .contentLength
            if isLength && wroteLength { continue }
            append(field.name)
            append(": ")
            if isLength {
                wroteLength = true
                appendDecimal(body.count)
            } else {
                append(field.value)
            }
            append("\r\n")
        }
        if !wroteLength {
            append("Content-Length: ")
            appendDecimal(body.count)
            append("\r\n")
        }
        append("\r\n")
        out.append(contentsOf: body)
        return out
    }
}
