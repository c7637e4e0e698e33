/// RTCP BYE, PT=203 (RFC 3550 §6.6).
///
/// ```
/// |V=2|P|    SC   |   PT=BYE=203  |             length            |
/// |                           SSRC/CSRC                           |
/// :                              ...                              :
/// |     length    |               reason for leaving            ... (opt)
/// ```
public struct RTCPGoodbye: Hashable, Sendable {
    public static let packetType: UInt8 = 203
    public var sources: [UInt32]
    public var reason: String?

    public init(sources: [UInt32], reason: String? = nil) {
        self.sources = sources
        self.reason = reason
    }

    init(parsing body: ArraySlice<UInt8>, count: Int) throws(RTPParseError) {
        guard body.count >= count * 4 else { throw .invalidLength }
        let o = body.startIndex
        let sources = (0..<count).map { body.uint32(at: o + $0 * 4) }
        var reason: String?
        let reasonOffset = o + count * 4
        if reasonOffset < body.endIndex {
            let length = Int(body[reasonOffset])
            guard body.endIndex - reasonOffset - 1 >= length else { throw .invalidLength }
            if length > 0 {
                reason = String(decoding: body[(reasonOffset + 1)..<(reasonOffset + 1 + length)], as: UTF8.self)
            }
        }
        self.init(sources: sources, reason: reason)
    }

    func serializeBody(into buffer: inout [UInt8]) {
        let start = buffer.count
        for source in sources.prefix(31) { buffer.appendUInt32(source) }
        if let reason {
            let bytes = Array(reason.utf8.prefix(255))
            buffer.append(UInt8(bytes.count))
            buffer.append(contentsOf: bytes)
            while (buffer.count - start) % 4 != 0 { buffer.append(0) }
        }
    }
}
