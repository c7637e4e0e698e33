/// What we put in a WebRTC media section about our own transport: ICE-lite credentials and
/// candidates (RFC 8839 §5), our DTLS certificate fingerprint (RFC 8122 §5), and optionally the
/// `a=msid` / `a=ssrc` of the stream we send.
///
/// The values come from the ICE and DTLS engines; SDP takes them as plain strings so that this
/// wire-format target imports neither.
public struct SDPWebRTCTransport: Hashable, Sendable {
    /// Our `a=ice-ufrag` (RFC 8839 §5.4; 4–256 ice-chars).
    public var iceUfrag: String
    /// Our `a=ice-pwd` (RFC 8839 §5.4; 22–256 ice-chars).
    public var icePwd: String
    /// Our candidates: the text after `a=candidate:` (a leading `candidate:` or `a=candidate:` is
    /// removed), e.g. `1 1 udp 2130706431 203.0.113.5 40000 typ host`. Followed by `a=end-of-candidates`.
    public var candidates: [String]
    /// Our certificate fingerprints, normally one `sha-256` (RFC 8122 §5).
    public var fingerprints: [SDPFingerprint]
    /// Write session-level `a=ice-lite` (RFC 8839 §5.3): true for Switchboard's ICE-lite agent.
    public var iceLite: Bool
    /// Optional `a=msid:<stream id> <track id>` (RFC 8830 §2), so a browser's `track` event carries a
    /// stream (`event.streams[0]`).
    public var mediaStreamID: String?
    /// Optional `a=ssrc:<ssrc> cname:<cname>` (RFC 5576 §4.1) for the stream we send.
    public var ssrc: UInt32?
    /// The RTCP CNAME for ``ssrc`` (RFC 3550 §6.5.1).
    public var cname: String?

    public init(
        iceUfrag: String, icePwd: String, candidates: [String] = [], fingerprints: [SDPFingerprint],
        iceLite: Bool = true, mediaStreamID: String? = nil, ssrc: UInt32? = nil, cname: String? = nil
    ) {
        self.iceUfrag = iceUfrag
        self.icePwd = icePwd
        self.candidates = candidates
        self.fingerprints = fingerprints
        self.iceLite = iceLite
        self.mediaStreamID = mediaStreamID
        self.ssrc = ssrc
        self.cname = cname
    }

    /// Candidate values without any `a=` / `candidate:` prefix.
    var candidateValues: [String] {
        candidates.map { line in
            var value = Substring(line)
            if value.hasPrefix("a=") { value = value.dropFirst(2) }
            if value.hasPrefix("candidate:") { value = value.dropFirst("candidate:".count) }
            return String(value)
        }
    }
}
