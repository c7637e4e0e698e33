/// RTCP source description, PT=202 (RFC 3550 §6.5).
///
/// ```
/// |V=2|P|    SC   |  PT=SDES=202  |             length            |
/// |                          SSRC/CSRC_1                          |
/// |                           SDES items                          |
/// |    CNAME=1    |     length    | user and domain name        ...
/// ```
/// Each chunk's item list ends with a null octet and is padded to a 32-bit boundary.
public struct RTCPSourceDescription: Hashable, Sendable {
    public static let packetType: UInt8 = 202

    /// One SDES item (type 1 = CNAME, 2 = NAME, … 8 = PRIV), text kept as raw UTF-8 octets.
    public struct Item: Hashable, Sendable {
        public static let cname: UInt8 = 1
        public var type: UInt8
        public var value: [UInt8]

        public init(type: UInt8, value: [UInt8]) {
            self.type = type
            self.value = value
        }

        public init(cname: String) {
            self.init(type: Self.cname, value: Array(cname.utf8.prefix(255)))
        }
    }

    public struct Chunk: Hashable, Sendable {
        public var source: UInt32
        public var items: [Item]

        public init(source: UInt32, items: [Item]) {
            self.source = source
            self.items = items
        }

        /// The CNAME item as text, if present.
        public var cname: String? {
            items.first { $0.type == Item.cname }.map { String(decoding: $0.value, as: UTF8.self) }
        }
    }

    public var chunks: [Chunk]

    public init(chunks: [Chunk]) {
        self.chunks = chunks
    }

    init(parsing body: ArraySlice<UInt8>, count: Int) throws(RTPParseError) {
        var chunks: [Chunk] = []
        var offset = body.startIndex
        for _ in 0..<count {
            guard body.endIndex - offset >= 4 else { throw .invalidLength }
            var chunk = Chunk(source: body.uint32(at: offset), items: [])
            offset += 4
            while true {
                guard offset < body.endIndex else { throw .invalidLength }
                let type = body[offset]
                if type == 0 { break }
                guard body.endIndex - offset >= 2 else { throw .invalidLength }
                let length = Int(body[offset + 1])
                guard body.endIndex - offset - 2 >= length else { throw .invalidLength }
                chunk.items.append(Item(type: type, value: Array(body[(offset + 2)..<(offset + 2 + length)])))
                offset += 2 + length
            }
            // Skip the terminating null octet and padding up to the next 32-bit boundary.
            offset += 1
            offset += (4 - (offset - body.startIndex) % 4) % 4
            chunks.append(chunk)
        }
        self.init(chunks: chunks)
    }

    func serializeBody(into buffer: inout [UInt8]) {
        for chunk in chunks.prefix(31) {
            let start = buffer.count
            buffer.appendUInt32(chunk.source)
            for item in chunk.items {
                buffer.append(item.type)
                buffer.append(UInt8(min(item.value.count, 255)))
                buffer.append(contentsOf: item.value.prefix(255))
            }
            buffer.append(0)
            while (buffer.count - start) % 4 != 0 { buffer.append(0) }
        }
    }
}
