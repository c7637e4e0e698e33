extension MediaDescription {
    /// Values of every attribute named `name`, in order (`nil` values for property attributes).
    public func attributeValues(_ name: String) -> [String?] {
        attributes.filter { $0.name == name }.map(\.value)
    }

    /// The first value of attribute `name`, if present with a value.
    public func attributeValue(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value ?? nil
    }

    /// Whether a property attribute (or any attribute) named `name` is present.
    public func hasAttribute(_ name: String) -> Bool {
        attributes.contains { $0.name == name }
    }

    /// Removes every attribute named `name`.
    public mutating func removeAttributes(_ name: String) {
        attributes.removeAll { $0.name == name }
    }

    /// The payload types in `formats` that are valid RTP payload type numbers (0–127).
    public var payloadTypes: [UInt8] {
        formats.compactMap { UInt8($0) }.filter { $0 < 128 }
    }

    /// Every well-formed `a=rtpmap`, in order.
    public var rtpMaps: [SDPRTPMap] {
        attributeValues("rtpmap").compactMap { $0.flatMap(SDPRTPMap.init(parsing:)) }
    }

    /// The mapping for `payloadType`: an explicit `a=rtpmap`, else the RFC 3551 static assignment.
    public func rtpMap(for payloadType: UInt8) -> SDPRTPMap? {
        rtpMaps.first { $0.payloadType == payloadType } ?? SDPRTPMap.staticAudio(payloadType: payloadType)
    }

    /// The `a=fmtp:<pt> <params>` parameters for `payloadType` (RFC 8866 §6.15).
    public func formatParameters(for payloadType: UInt8) -> String? {
        for case let value? in attributeValues("fmtp") {
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count >= 1, UInt8(parts[0]) == payloadType {
                return parts.count == 2 ? String(parts[1]) : ""
            }
        }
        return nil
    }

    /// `a=ptime` in milliseconds (RFC 8866 §6.4); fractional values are truncated.
    public var ptime: Int? { attributeValue("ptime").flatMap(Self.milliseconds) }

    /// `a=maxptime` in milliseconds (RFC 8866 §6.5).
    public var maxptime: Int? { attributeValue("maxptime").flatMap(Self.milliseconds) }

    private static func milliseconds(_ text: String) -> Int? {
        let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let ms = Int(whole), ms > 0 else { return nil }
        return ms
    }

    /// The explicit direction attribute of this section, if any (RFC 8866 §6.7).
    public var explicitDirection: SDPMediaDirection? {
        attributes.lazy.compactMap { $0.value == nil ? SDPMediaDirection(rawValue: $0.name) : nil }.first
    }

    /// Replaces any direction attribute with `direction`, keeping its position when one existed.
    public mutating func setDirection(_ direction: SDPMediaDirection) {
        let isDirection: (SDPAttribute) -> Bool = { $0.value == nil && SDPMediaDirection(rawValue: $0.name) != nil }
        if let index = attributes.firstIndex(where: isDirection) {
            attributes[index] = SDPAttribute(direction.rawValue)
            attributes = attributes.enumerated().filter { $0.offset == index || !isDirection($0.element) }.map(\.element)
        } else {
            attributes.append(SDPAttribute(direction.rawValue))
        }
    }

    /// `a=rtcp:<port> [<nettype> <addrtype> <address>]` (RFC 3605).
    public var rtcp: (port: UInt16, connection: SDPConnection?)? {
        guard let value = attributeValue("rtcp") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let first = parts.first, let port = UInt16(first) else { return nil }
        return (port, parts.count == 2 ? SDPConnection(parsing: parts[1]) : nil)
    }

    /// `a=rtcp-mux` (RFC 5761).
    public var rtcpMux: Bool { hasAttribute("rtcp-mux") }
}
