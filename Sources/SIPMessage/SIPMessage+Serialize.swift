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
        SIPMessageWriter.write(startLine: "\(method.rawValue) \(uri.description) SIP/2.0", headers: headers, body: body)
    }
}

extension SIPResponse {
    public func serialized() -> [UInt8] {
        SIPMessageWriter.write(startLine: "SIP/2.0 \(statusCode) \(reasonPhrase)", headers: headers, body: body)
    }
}

enum SIPMessageWriter {
    /// Writes the start line and the headers in order. The first Content-Length field (under whatever
    /// name it had, `l` included) is written in place with the body's real length and any further ones
    /// are dropped; without one, Content-Length is appended last.
    static func write(startLine: String, headers: SIPHeaders, body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + startLine.utf8.count + headers.fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 } + body.count)
        out.append(contentsOf: startLine.utf8)
        out.append(contentsOf: crlf)
        var wroteLength = false
        for field in headers {
            var value = field.value
            if SIPHeaders.fieldName(field.name, matches: "content-length") {
                if wroteLength { continue }
                wroteLength = true
                value = String(body.count)
            }
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: value.utf8)
            out.append(contentsOf: crlf)
        }
        if !wroteLength {
            out.append(contentsOf: "Content-Length: \(body.count)".utf8)
            out.append(contentsOf: crlf)
        }
        out.append(contentsOf: crlf)
        out.append(contentsOf: body)
        return out
    }

    static let crlf: [UInt8] = [13, 10]
}
