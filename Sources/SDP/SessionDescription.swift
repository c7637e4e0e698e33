/// An SDP session description (RFC 8866, formerly RFC 4566).
///
/// ```
/// Session description
///    v=  (protocol version)
///    o=  (originator and session identifier)
///    s=  (session name)
///    i=* (session information)
///    u=* (URI of description)
///    e=* (email address)
///    p=* (phone number)
///    c=* (connection information)
///    b=* (zero or more bandwidth information lines)
///    One or more time descriptions ("t=" and "r=" lines)
///    z=* (time zone adjustments)
///    k=* (obsolete)
///    a=* (zero or more session attribute lines)
///    Zero or more media descriptions
/// ```
///
/// Parse with ``init(parsing:)`` (CRLF or bare LF line endings) and produce wire text with
/// ``serialize()`` (always CRLF, RFC 8866 §5).
public struct SessionDescription: Hashable, Sendable {
    public var version: Int
    public var origin: SDPOrigin
    public var sessionName: String
    public var information: String?
    /// `u=`, `e=`, `p=` lines (serialized before `c=`).
    public var descriptionFields: [SDPField]
    public var connection: SDPConnection?
    public var bandwidths: [SDPBandwidth]
    public var timings: [SDPTiming]
    /// `r=`, `z=`, `k=` lines (serialized after the `t=` lines).
    public var timeFields: [SDPField]
    public var attributes: [SDPAttribute]
    public var media: [MediaDescription]

    public init(
        origin: SDPOrigin, sessionName: String = "-", information: String? = nil,
        descriptionFields: [SDPField] = [], connection: SDPConnection? = nil,
        bandwidths: [SDPBandwidth] = [], timings: [SDPTiming] = [SDPTiming()], timeFields: [SDPField] = [],
        attributes: [SDPAttribute] = [], media: [MediaDescription] = []
    ) {
        self.version = 0
        self.origin = origin
        self.sessionName = sessionName
        self.information = information
        self.descriptionFields = descriptionFields
        self.connection = connection
        self.bandwidths = bandwidths
        self.timings = timings
        self.timeFields = timeFields
        self.attributes = attributes
        self.media = media
    }

    /// The session-level value of attribute `name`, if present with a value.
    public func attributeValue(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value ?? nil
    }

    /// The effective connection for `media`: its own `c=` line, else the session-level one (RFC 8866 §5.7).
    public func effectiveConnection(for media: MediaDescription) -> SDPConnection? {
        media.connection ?? connection
    }

    /// The effective direction of `media`: media-level attribute, else session-level, else `sendrecv`
    /// (RFC 3264 §5.1).
    public func effectiveDirection(for media: MediaDescription) -> SDPMediaDirection {
        if let direction = media.explicitDirection { return direction }
        for attribute in attributes where attribute.value == nil {
            if let direction = SDPMediaDirection(rawValue: attribute.name) { return direction }
        }
        return .sendrecv
    }

    /// Wire text with CRLF line endings (RFC 8866 §5).
    public func serialize() -> String {
        var out = ""
        func line(_ type: Character, _ value: String) {
            out.append(type)
            out += "=\(value)\r\n"
        }
        line("v", String(version))
        line("o", origin.serialize())
        line("s", sessionName)
        if let information { line("i", information) }
        for field in descriptionFields { line(field.type, field.value) }
        if let connection { line("c", connection.serialize()) }
        for bandwidth in bandwidths { line("b", bandwidth.serialize()) }
        for timing in timings { line("t", timing.serialize()) }
        for field in timeFields { line(field.type, field.value) }
        for attribute in attributes { line("a", attribute.serialize()) }
        for m in media {
            line("m", m.serializeMediaLine())
            if let information = m.information { line("i", information) }
            if let connection = m.connection { line("c", connection.serialize()) }
            for bandwidth in m.bandwidths { line("b", bandwidth.serialize()) }
            for field in m.otherFields { line(field.type, field.value) }
            for attribute in m.attributes { line("a", attribute.serialize()) }
        }
        return out
    }

    /// Whether two descriptions differ in anything other than the `o=` session version; RFC 3264 §8
    /// requires the version to change exactly when this is true.
    public func differsIgnoringVersion(from other: SessionDescription) -> Bool {
        var a = self
        var b = other
        a.origin.sessionVersion = 0
        b.origin.sessionVersion = 0
        return a != b
    }
}
