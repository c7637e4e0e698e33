/// Cuts complete messages out of a byte stream (TCP/TLS) using Content-Length (RFC 3261 §18.3).
/// Leading CRLFs are keep-alives (RFC 5626 §3.5.1) and are skipped; a missing, repeated or malformed
/// Content-Length on a stream, or a message larger than the limit, is a framing error after which the
/// connection must be closed (there is no way to find the next message, RFC 4475 §3.1.2.3).
///
/// Work is linear in the bytes received however they are chunked: the search for the end of the header
/// block resumes where it stopped, and consumed bytes are dropped only when that costs no more than the
/// bytes already consumed.
public struct SIPStreamFramer: Sendable {
    public var limits: SIPParser.Limits
    private var buffer: [UInt8] = []
    /// First byte not yet handed out.
    private var readIndex = 0
    /// Where the search for the empty line resumes.
    private var scanIndex = 0
    /// Length of the message at `readIndex` once its header block is complete.
    private var pendingLength: Int?

    public init(limits: SIPParser.Limits = SIPParser.Limits()) { self.limits = limits }

    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Appends bytes and returns every complete message now available, as raw bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) throws(SIPParseError) -> [[UInt8]] {
        buffer.append(contentsOf: bytes)
        var messages: [[UInt8]] = []
        while let total = try nextMessageLength() {
            messages.append(Array(buffer[readIndex..<(readIndex + total)]))
            readIndex += total
            scanIndex = readIndex
            pendingLength = nil
        }
        if readIndex > 0 && readIndex >= buffer.count - readIndex {
            buffer.removeFirst(readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
        return messages
    }

    /// The length of the complete message at `readIndex`, or `nil` while more bytes are needed.
    private mutating func nextMessageLength() throws(SIPParseError) -> Int? {
        if pendingLength == nil {
            while readIndex < buffer.count, buffer[readIndex] == 13 || buffer[readIndex] == 10 { readIndex += 1 }
            guard readIndex < buffer.count else { return nil }
            let from = max(readIndex, scanIndex - 3)
            guard let end = SIPParser.findHeaderEnd(buffer, from: from) else {
                scanIndex = buffer.count
                if buffer.count - readIndex > limits.maxMessageSize {
                    throw SIPParseError(.messageTooLarge, "header block over \(limits.maxMessageSize) bytes")
                }
                return nil
            }
            let length = try SIPStreamFramer.contentLength(in: buffer[readIndex..<end.headerEnd])
            let headLength = end.bodyStart - readIndex
            guard length <= limits.maxMessageSize - headLength else {
                throw SIPParseError(.messageTooLarge, "\(headLength) + \(length) bytes")
            }
            pendingLength = headLength + length
        }
        guard let total = pendingLength, buffer.count - readIndex >= total else { return nil }
        return total
    }

    /// The one Content-Length (`l` is its compact form) of a raw header block, read from bytes.
    static func contentLength(in head: ArraySlice<UInt8>) throws(SIPParseError) -> Int {
        var found: Int?
        var lineStart = head.startIndex
        var isStartLine = true
        while lineStart < head.endIndex {
            var lineEnd = head[lineStart...].firstIndex(of: 10) ?? head.endIndex
            let next = lineEnd < head.endIndex ? lineEnd + 1 : lineEnd
            if lineEnd > lineStart && head[lineEnd - 1] == 13 { lineEnd -= 1 }
            defer { lineStart = next }
            if isStartLine { isStartLine = false; continue }
            guard let colon = head[lineStart..<lineEnd].firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = SIPParser.trimmed(head[lineStart..<colon])
            guard isContentLengthName(name) else { continue }
            guard found == nil else { throw SIPParseError(.invalidContentLength, "more than one Content-Length") }
            let value = SIPParser.trimmed(head[(colon + 1)..<lineEnd])
            guard let length = SIPGrammar.decimal(String(decoding: value, as: UTF8.self), max: Int(Int32.max)) else {
                throw SIPParseError(.invalidContentLength, "Content-Length: \(String(decoding: value, as: UTF8.self))")
            }
            found = length
        }
        guard let found else {
            throw SIPParseError(.invalidContentLength, "Content-Length is required on stream transports")
        }
        return found
    }

    private static func isContentLengthName(_ name: ArraySlice<UInt8>) -> Bool {
        if name.count == 1 { return SIPParameters.asciiLower(name[name.startIndex]) == UInt8(ascii: "l") }
        guard name.count == 14 else { return false }
        return zip(name, "content-length".utf8).allSatisfy { SIPParameters.asciiLower($0) == $1 }
    }
}
