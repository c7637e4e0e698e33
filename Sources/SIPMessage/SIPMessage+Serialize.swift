extension SIPMessage {
    /// The wire form: start line, headers in order, a Content-Length that matches the body (always
    /// written, as stream transports require it, RFC 3261 §20.14), empty line, body.
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
    static func write(startLine: String, headers: SIPHeaders, body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + body.count)
        out.append(contentsOf: startLine.utf8)
        out.append(contentsOf: crlf)
        for field in headers where SIPHeaders.canonicalKey(field.name) != "content-length" {
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: crlf)
        }
        out.append(contentsOf: "Content-Length: \(body.count)".utf8)
        out.append(contentsOf: crlf)
        out.append(contentsOf: crlf)
        out.append(contentsOf: body)
        return out
    }

    static let crlf: [UInt8] = [13, 10]
}
