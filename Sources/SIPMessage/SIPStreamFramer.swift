/// Cuts complete messages out of a byte stream (TCP/TLS) using Content-Length (RFC 3261 §18.3).
/// Leading CRLFs are keep-alives (RFC 5626 §3.5.1) and are skipped; a missing Content-Length on a
/// stream, or a header block larger than the limit, is a framing error after which the connection
/// must be closed (there is no way to find the next message).
public struct SIPStreamFramer: Sendable {
    public var limits: SIPParser.Limits
    private var buffer: [UInt8] = []

    public init(limits: SIPParser.Limits = SIPParser.Limits()) { self.limits = limits }

    public var bufferedByteCount: Int { buffer.count }

    /// Appends bytes and returns every complete message now available, as raw bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) throws(SIPParseError) -> [[UInt8]] {
        buffer.append(contentsOf: bytes)
        var messages: [[UInt8]] = []
        while true {
            var skip = 0
            while skip < buffer.count, buffer[skip] == 13 || buffer[skip] == 10 { skip += 1 }
            if skip > 0 { buffer.removeFirst(skip) }
            guard !buffer.isEmpty else { break }
            guard let end = SIPParser.findHeaderEnd(buffer, from: 0) else {
                if buffer.count > limits.maxMessageSize { throw SIPParseError(.messageTooLarge, "header block") }
                break
            }
            let length = try contentLength(in: buffer[0..<end.headerEnd])
            guard end.bodyStart + length <= limits.maxMessageSize else {
                throw SIPParseError(.messageTooLarge, "\(end.bodyStart + length) bytes")
            }
            guard buffer.count >= end.bodyStart + length else { break }
            messages.append(Array(buffer[0..<(end.bodyStart + length)]))
            buffer.removeFirst(end.bodyStart + length)
        }
        return messages
    }

    /// Content-Length from a raw header block; `l:` is its compact form.
    private func contentLength(in head: ArraySlice<UInt8>) throws(SIPParseError) -> Int {
        let lines = try SIPParser(limits: limits).splitLines(head)
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = SIPHeaders.canonicalKey(line[..<colon].trimmingSIPWhitespace())
            if name == "content-length" {
                guard let n = Int(line[line.index(after: colon)...].trimmingSIPWhitespace()), n >= 0 else {
                    throw SIPParseError(.invalidContentLength, line)
                }
                return n
            }
        }
        throw SIPParseError(.invalidContentLength, "Content-Length is required on stream transports")
    }
}
