/// `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]` (RFC 8866 §6.6).
public struct SDPRTPMap: Hashable, Sendable {
    public var payloadType: UInt8
    public var encodingName: String
    public var clockRate: UInt32
    /// Number of audio channels when present (`opus/48000/2`).
    public var encodingParameters: String?

    public init(payloadType: UInt8, encodingName: String, clockRate: UInt32, encodingParameters: String? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.encodingParameters = encodingParameters
    }

    /// Parses the attribute value (the text after `rtpmap:`).
    public init?(parsing value: String) {
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, let pt = UInt8(parts[0]), pt < 128 else { return nil }
        let enc = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        guard enc.count >= 2, enc.count <= 3, !enc[0].isEmpty, let rate = UInt32(enc[1]), rate > 0 else { return nil }
        self.init(
            payloadType: pt, encodingName: String(enc[0]), clockRate: rate,
            encodingParameters: enc.count == 3 ? String(enc[2]) : nil)
    }

    /// The attribute value (the text after `rtpmap:`).
    public func serialize() -> String {
        var s = "\(payloadType) \(encodingName)/\(clockRate)"
        if let encodingParameters { s += "/\(encodingParameters)" }
        return s
    }

    /// RFC 3551 §6 Table 4: the static audio payload types an answerer may use without `a=rtpmap`.
    public static func staticAudio(payloadType: UInt8) -> SDPRTPMap? {
        switch payloadType {
        case 0: SDPRTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000)
        case 3: SDPRTPMap(payloadType: 3, encodingName: "GSM", clockRate: 8000)
        case 4: SDPRTPMap(payloadType: 4, encodingName: "G723", clockRate: 8000)
        case 8: SDPRTPMap(payloadType: 8, encodingName: "PCMA", clockRate: 8000)
        case 9: SDPRTPMap(payloadType: 9, encodingName: "G722", clockRate: 8000)
        case 13: SDPRTPMap(payloadType: 13, encodingName: "CN", clockRate: 8000)
        case 18: SDPRTPMap(payloadType: 18, encodingName: "G729", clockRate: 8000)
        default: nil
        }
    }
}
