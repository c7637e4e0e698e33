/// One media section (RFC 8866 §5.14): `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`
/// followed by its `i=`, `c=`, `b=`, `k=` and `a=` lines.
///
/// Attributes are kept as an ordered list so that unknown ones (ICE, DTLS, `ssrc`, …) round-trip
/// verbatim; the typed accessors below read and write that list.
public struct MediaDescription: Hashable, Sendable {
    /// `audio`, `video`, `application`, …
    public var media: String
    /// Transport port; `0` rejects or disables the stream (RFC 3264 §6, §8.2).
    public var port: UInt16
    public var numberOfPorts: UInt16?
    /// `RTP/AVP`, `RTP/SAVPF`, `UDP/TLS/RTP/SAVPF`, …
    public var proto: String
    /// Media formats; RTP payload type numbers for RTP profiles.
    public var formats: [String]
    public var information: String?
    public var connection: SDPConnection?
    public var bandwidths: [SDPBandwidth]
    /// `k=` lines, kept verbatim.
    public var otherFields: [SDPField]
    public var attributes: [SDPAttribute]

    public init(
        media: String, port: UInt16, numberOfPorts: UInt16? = nil, proto: String = "RTP/AVP",
        formats: [String], information: String? = nil, connection: SDPConnection? = nil,
        bandwidths: [SDPBandwidth] = [], otherFields: [SDPField] = [], attributes: [SDPAttribute] = []
    ) {
        self.media = media
        self.port = port
        self.numberOfPorts = numberOfPorts
        self.proto = proto
        self.formats = formats
        self.information = information
        self.connection = connection
        self.bandwidths = bandwidths
        self.otherFields = otherFields
        self.attributes = attributes
    }

    /// Parses the value of an `m=` line (without the `m=` prefix); attributes start empty.
    init?(parsingMediaLine value: Substring) {
        let f = value.split(separator: " ", omittingEmptySubsequences: true)
        guard f.count >= 3, !f[0].isEmpty else { return nil }
        let portParts = f[1].split(separator: "/", omittingEmptySubsequences: false)
        guard portParts.count <= 2, let port = UInt16(portParts[0]) else { return nil }
        var count: UInt16?
        if portParts.count == 2 {
            guard let n = UInt16(portParts[1]) else { return nil }
            count = n
        }
        // RFC 8866 §5.14: at least one <fmt> is required, but accept none for rejected streams
        // (port 0) since several stacks emit `m=video 0 RTP/AVP` when declining.
        guard f.count > 3 || port == 0 else { return nil }
        self.init(media: String(f[0]), port: port, numberOfPorts: count, proto: String(f[2]),
                  formats: f.dropFirst(3).map(String.init))
    }

    func serializeMediaLine() -> String {
        var s = "\(media) \(port)"
        if let numberOfPorts { s += "/\(numberOfPorts)" }
        s += " \(proto)"
        for format in formats { s += " \(format)" }
        return s
    }
}
