import SIPMessage

/// Why a REGISTER is refused (RFC 3261 §10.3), with the status to answer.
public struct RegistrarError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The request is not a REGISTER (a caller bug; answered 405 rather than trapping).
        case notRegister
        /// Call-ID or CSeq missing or malformed.
        case missingCallIDOrCSeq
        /// The To header is missing or does not hold a SIP/SIPS URI (§10.3 step 5).
        case invalidAddressOfRecord
        /// A Contact value does not parse, or its `q` is not a qvalue.
        case malformedContact
        /// `Contact: *` together with other Contact values (§10.3 step 6).
        case wildcardWithOtherContacts
        /// `Contact: *` without `Expires: 0` (§10.2.2, §10.3 step 6).
        case wildcardWithoutZeroExpires
        /// An interval shorter than the minimum (§10.3 step 7, 423 with Min-Expires, §21.4.17).
        case intervalTooBrief
        /// Same Call-ID as a binding with a CSeq that is not higher: an old or reordered REGISTER
        /// (§10.3 steps 6 and 7, "the update MUST be aborted and the request fails").
        case outOfOrder
        /// More bindings than `RegistrarPolicy.maxContactsPerAOR`.
        case tooManyContacts
    }

    public let code: Code
    public let detail: String
    /// For `.intervalTooBrief`: the `Min-Expires` value to send.
    public let minExpires: Int64?

    public init(_ code: Code, _ detail: String = "", minExpires: Int64? = nil) {
        self.code = code
        self.detail = detail
        self.minExpires = minExpires
    }

    public var statusCode: Int {
        switch code {
        case .notRegister: return 405
        case .intervalTooBrief: return 423
        case .tooManyContacts: return 403
        case .missingCallIDOrCSeq, .invalidAddressOfRecord, .malformedContact, .wildcardWithOtherContacts,
            .wildcardWithoutZeroExpires, .outOfOrder:
            return 400
        }
    }

    public var reasonPhrase: String {
        switch code {
        case .outOfOrder: return "Invalid CSeq Number"
        case .tooManyContacts: return "Too Many Contacts"
        case .wildcardWithOtherContacts, .wildcardWithoutZeroExpires: return "Invalid Wildcard Contact"
        default: return SIPResponse.defaultReasonPhrase(for: statusCode)
        }
    }

    /// The error response to `request`: the status, and `Min-Expires` for 423 (RFC 3261 §20.23), `Allow`
    /// for 405.
    public func response(replyingTo request: SIPRequest, toTag: String? = nil) -> SIPResponse {
        var response = SIPResponse(replyingTo: request, statusCode: statusCode, reasonPhrase: reasonPhrase, toTag: toTag)
        if let minExpires, code == .intervalTooBrief { response.headers.add("Min-Expires", String(minExpires)) }
        if code == .notRegister { response.headers.add("Allow", "REGISTER") }
        return response
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}
