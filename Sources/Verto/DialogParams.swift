/// The client's dialog parameter object sent with every call-scoped request (compat §1.7).
///
/// The keys mod_verto reads are typed properties; every other key the JS client sends (`useVideo`, `useStereo`,
/// `tag`, `login`, `videoParams` …) is kept in `additionalFields`, so a round trip loses nothing. A known key
/// with an unexpected type is also kept there (and its property stays nil), as FreeSWITCH ignores it.
public struct DialogParams: Sendable, Hashable, Codable {
    /// Client-generated UUID; becomes the channel UUID and names the call in every later message.
    public var callID: String?
    /// Dialled number (FreeSWITCH's default is "service").
    public var destinationNumber: String?
    public var callerIDName: String?
    public var callerIDNumber: String?
    public var remoteCallerIDName: String?
    public var remoteCallerIDNumber: String?
    /// On `verto.answer`: the callee id the answering client presents.
    public var calleeIDName: String?
    public var calleeIDNumber: String?
    public var ani: String?
    public var aniii: String?
    public var rdnis: String?
    public var screenShare: Bool?
    public var secondSource: Bool?
    public var dedEnc: Bool?
    public var mirrorInput: Bool?
    /// `false` marks the call not recoverable: it hangs up when the socket drops (§1.9).
    public var recoverCall: Bool?
    public var conferenceCanvasID: JSONValue?
    /// kbps number or "default".
    public var outgoingBandwidth: JSONValue?
    public var incomingBandwidth: JSONValue?
    /// Becomes channel variables `verto_dvar_<key>`.
    public var userVariables: [String: JSONValue]?
    /// `{echoCancellation, noiseSuppression, autoGainControl}`.
    public var audio: [String: JSONValue]?
    /// Present on invite/attach in some clients.
    public var sdp: String?
    /// Every other member, unchanged.
    public var additionalFields: [String: JSONValue] = [:]

    static var stringKeys: [(String, WritableKeyPath<DialogParams, String?>)] {
        [
            ("callID", \.callID), ("destination_number", \.destinationNumber), ("caller_id_name", \.callerIDName),
            ("caller_id_number", \.callerIDNumber), ("remote_caller_id_name", \.remoteCallerIDName),
            ("remote_caller_id_number", \.remoteCallerIDNumber), ("callee_id_name", \.calleeIDName),
            ("callee_id_number", \.calleeIDNumber), ("ani", \.ani), ("aniii", \.aniii), ("rdnis", \.rdnis),
            ("sdp", \.sdp),
        ]
    }
    static var boolKeys: [(String, WritableKeyPath<DialogParams, Bool?>)] {
        [
            ("screenShare", \.screenShare), ("secondSource", \.secondSource), ("dedEnc", \.dedEnc),
            ("mirrorInput", \.mirrorInput), ("recoverCall", \.recoverCall),
        ]
    }
    static var valueKeys: [(String, WritableKeyPath<DialogParams, JSONValue?>)] {
        [
            ("conferenceCanvasID", \.conferenceCanvasID), ("outgoingBandwidth", \.outgoingBandwidth),
            ("incomingBandwidth", \.incomingBandwidth),
        ]
    }
    static var objectKeys: [(String, WritableKeyPath<DialogParams, [String: JSONValue]?>)] {
        [
            ("userVariables", \.userVariables), ("audio", \.audio),
        ]
    }

    public init(callID: String? = nil, destinationNumber: String? = nil) {
        self.callID = callID
        self.destinationNumber = destinationNumber
    }

    /// Reads a dialog parameter object; never fails (unknown or mistyped members land in `additionalFields`).
    public init(object: [String: JSONValue]) {
        var rest = object
        for (key, path) in Self.stringKeys {
            if let v = rest[key]?.stringValue { self[keyPath: path] = v; rest[key] = nil }
        }
        for (key, path) in Self.boolKeys {
            if let v = rest[key]?.boolValue { self[keyPath: path] = v; rest[key] = nil }
        }
        for (key, path) in Self.valueKeys {
            if let v = rest[key] { self[keyPath: path] = v; rest[key] = nil }
        }
        for (key, path) in Self.objectKeys {
            if let v = rest[key]?.objectValue { self[keyPath: path] = v; rest[key] = nil }
        }
        additionalFields = rest
    }

    /// The object as sent on the wire, with the reference's member names.
    public var object: [String: JSONValue] {
        var out = additionalFields
        for (key, path) in Self.stringKeys { if let v = self[keyPath: path] { out[key] = .string(v) } }
        for (key, path) in Self.boolKeys { if let v = self[keyPath: path] { out[key] = .bool(v) } }
        for (key, path) in Self.valueKeys { if let v = self[keyPath: path] { out[key] = v } }
        for (key, path) in Self.objectKeys { if let v = self[keyPath: path] { out[key] = .object(v) } }
        return out
    }

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard let object = value.objectValue else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self,
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "dialogParams is not an object"))
        }
        self.init(object: object)
    }

    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(object).encode(to: encoder)
    }
}
