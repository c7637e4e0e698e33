/// The RTP header extension (RFC 3550 §5.3.1), kept opaque:
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      defined by profile       |           length              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        header extension                       |
/// ```
public struct RTPHeaderExtension: Hashable, Sendable {
    /// `0xBEDE` for RFC 8285 one-byte elements, `0x100x` for two-byte elements.
    public var profile: UInt16
    /// Extension words; `count` must be a multiple of 4 when serialized.
    public var data: ArraySlice<UInt8>

    public init(profile: UInt16, data: ArraySlice<UInt8>) {
        precondition(data.count % 4 == 0, "RTP header extension must be a whole number of 32-bit words")
        self.profile = profile
        self.data = data
    }
}
