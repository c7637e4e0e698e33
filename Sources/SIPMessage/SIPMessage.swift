/// A SIP request (RFC 3261 §7.1).
public struct SIPRequest: Sendable, Equatable {
    public var method: SIPMethod
    public var uri: SIPURI
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(method: SIPMethod, uri: SIPURI, headers: SIPHeaders = SIPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }
}

/// A SIP response (RFC 3261 §7.2).
public struct SIPResponse: Sendable, Equatable {
    public var statusCode: Int
    public var reasonPhrase: String
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(statusCode: Int, reasonPhrase: String? = nil, headers: SIPHeaders = SIPHeaders(), body: [UInt8] = []) {
        self.statusCode = statusCode
        self.reasonPhrase = reasonPhrase ?? SIPResponse.defaultReasonPhrase(for: statusCode)
        self.headers = headers
        self.body = body
    }

    /// 1xx responses are provisional; everything else is final (RFC 3261 §7.2).
    public var isProvisional: Bool { statusCode < 200 }
}

/// A SIP message: a request or a response.
public enum SIPMessage: Sendable, Equatable {
    case request(SIPRequest)
    case response(SIPResponse)

    public var headers: SIPHeaders {
        get {
            switch self {
            case .request(let r): return r.headers
            case .response(let r): return r.headers
            }
        }
        set {
            switch self {
            case .request(var r): r.headers = newValue; self = .request(r)
            case .response(var r): r.headers = newValue; self = .response(r)
            }
        }
    }

    public var body: [UInt8] {
        switch self {
        case .request(let r): return r.body
        case .response(let r): return r.body
        }
    }
}

// MARK: - Typed views of the headers every layer needs

extension SIPHeaders {
    /// The topmost Via (RFC 3261 §8.2.6.2), parsed.
    public var topVia: SIPVia? {
        if let validatedViews { return validatedViews.vias.first }
        guard let first = elements("Via").first else { return nil }
        return try? SIPVia(parsing: first)
    }

    /// Every Via element, top first.
    public var vias: [SIPVia] {
        if let validatedViews { return validatedViews.vias }
        return elements("Via").compactMap { try? SIPVia(parsing: $0) }
    }

    public var callID: String? { self[Key.callID] }

    public var cseq: SIPCSeq? {
        if let validatedViews { return validatedViews.cseq }
        return self[Key.cseq].flatMap { try? SIPCSeq(parsing: $0) }
    }

    public var from: SIPNameAddress? {
        if let validatedViews { return validatedViews.from }
        return self[Key.from].flatMap { try? SIPNameAddress(parsing: $0) }
    }

    public var to: SIPNameAddress? {
        if let validatedViews { return validatedViews.to }
        return self[Key.to].flatMap { try? SIPNameAddress(parsing: $0) }
    }

    /// Contact elements; `*` (RFC 3261 §10.2.2) is reported by `isWildcardContact`, not here.
    public var contacts: [SIPNameAddress] {
        if let validatedViews { return validatedViews.contacts }
        return elements("Contact").filter { $0 != "*" }.compactMap { try? SIPNameAddress(parsing: $0) }
    }

    public var isWildcardContact: Bool { elements("Contact") == ["*"] }

    /// The Expires header as an integer number of seconds (`nil` unless `1*DIGIT` within 32 bits).
    public var expires: Int? { self[Key.expires].flatMap { SIPGrammar.decimal($0, max: Int(UInt32.max)) } }

    public var contentLength: Int? { self[Key.contentLength].flatMap { SIPGrammar.decimal($0, max: Int(Int32.max)) } }

    /// Max-Forwards (RFC 3261 §20.22), `nil` when absent or not an integer in 0–255.
    public var maxForwards: Int? { self[Key.maxForwards].flatMap { SIPGrammar.decimal($0, max: 255) } }
}

extension SIPRequest {
    public var callID: String? { headers.callID }
    public var cseq: SIPCSeq? { headers.cseq }
    public var topVia: SIPVia? { headers.topVia }
}

extension SIPResponse {
    public var callID: String? { headers.callID }
    public var cseq: SIPCSeq? { headers.cseq }
    public var topVia: SIPVia? { headers.topVia }

    /// Builds a response to `request` as RFC 3261 §8.2.6.2 says: Via (all, in order), From, To, Call-ID and
    /// CSeq are copied; a To tag is added when `toTag` is given and the request's To has none.
    public init(replyingTo request: SIPRequest, statusCode: Int, reasonPhrase: String? = nil, toTag: String? = nil) {
        var headers = SIPHeaders()
        for field in request.headers where field.key == .via {
            headers.add("Via", field.value)
        }
        if let from = request.headers["From"] { headers.add("From", from) }
        if let to = request.headers["To"] {
            if let toTag, var parsed = try? SIPNameAddress(parsing: to), parsed.tag == nil {
                parsed.tag = toTag
                headers.add("To", parsed.description)
            } else {
                headers.add("To", to)
            }
        }
        if let callID = request.headers["Call-ID"] { headers.add("Call-ID", callID) }
        if let cseq = request.headers["CSeq"] { headers.add("CSeq", cseq) }
        self.init(statusCode: statusCode, reasonPhrase: reasonPhrase, headers: headers)
    }
}
