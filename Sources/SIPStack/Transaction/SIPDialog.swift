import SIPMessage

/// Dialog state of RFC 3261 §12: the peer-to-peer relationship an INVITE (or SUBSCRIBE) creates, and the
/// source of every in-dialog request's Request-URI, Route set, tags and CSeq.
///
/// A pure value: it is created from messages and builds requests; the TU sends them through
/// `SIPTransactionLayer.sendRequest`, which adds the Via branch.
public struct SIPDialog: Sendable, Equatable {
    /// §12.1: a dialog created by a provisional response is early; a 2xx confirms it.
    public enum State: Hashable, Sendable {
        case early, confirmed
    }

    public internal(set) var id: SIPDialogID
    public internal(set) var state: State
    /// Our address-of-record in the dialog, with our tag: From of our requests.
    public internal(set) var local: SIPNameAddress
    /// The peer's, with its tag: To of our requests.
    public internal(set) var remote: SIPNameAddress
    /// Where in-dialog requests go: the peer's Contact URI (§12.1.1, §12.1.2), refreshed by target refresh
    /// requests and their responses (§12.2).
    public internal(set) var remoteTarget: SIPURI
    /// Route set, in the order our requests carry it (§12.1.1: Record-Route as received by the UAS,
    /// §12.1.2: reversed at the UAC).
    public internal(set) var routeSet: [SIPNameAddress]
    /// The CSeq number of our last request; `nil` until we send one (UAS side).
    public internal(set) var localSequence: UInt32?
    /// The CSeq number of the peer's last request; `nil` until it sends one (UAC side).
    public internal(set) var remoteSequence: UInt32?
    /// §12.1: set when the dialog was created over TLS with a SIPS Request-URI.
    public let isSecure: Bool
    /// Our Contact, sent on target refresh requests (§12.2.1.1).
    public var localContact: SIPNameAddress?

    public var localURI: SIPURI { local.uri }
    public var remoteURI: SIPURI { remote.uri }

    /// UAS side (§12.1.1): from the dialog-creating request and our 1xx (with a To tag) or 2xx to it.
    /// `nil` when the response has no To tag, or the request no Contact/Call-ID/CSeq.
    public init?(uasRequest request: SIPRequest, response: SIPResponse, receivedOver transport: SIPTransportProtocol, localContact: SIPNameAddress? = nil) {
        guard let callID = request.callID, let cseq = request.cseq, let from = request.headers.from,
            let to = response.headers.to, let localTag = to.tag, let contact = request.headers.contacts.first,
            let state = SIPDialog.state(for: response)
        else { return nil }
        self.id = SIPDialogID(callID: callID, localTag: localTag, remoteTag: from.tag ?? "")
        self.state = state
        self.local = to
        self.remote = from
        self.remoteTarget = contact.uri
        self.routeSet = SIPDialog.addresses(request.headers.elements("Record-Route"))
        self.localSequence = nil
        self.remoteSequence = cseq.sequence
        self.isSecure = transport.isSecure && request.uri.scheme == .sips
        self.localContact = localContact
    }

    /// UAC side (§12.1.2): from our request and a 1xx with a To tag or a 2xx to it. `nil` when the
    /// response carries no Contact (a 2xx to INVITE must) or the request no From tag/CSeq.
    public init?(uacRequest request: SIPRequest, response: SIPResponse, localContact: SIPNameAddress? = nil) {
        guard let callID = request.callID, let cseq = request.cseq, let from = request.headers.from, let localTag = from.tag,
            let to = response.headers.to, let contact = response.headers.contacts.first,
            let state = SIPDialog.state(for: response)
        else { return nil }
        self.id = SIPDialogID(callID: callID, localTag: localTag, remoteTag: to.tag ?? "")
        self.state = state
        self.local = from
        self.remote = to
        self.remoteTarget = contact.uri
        self.routeSet = SIPDialog.addresses(response.headers.elements("Record-Route")).reversed()
        self.localSequence = cseq.sequence
        self.remoteSequence = nil
        self.isSecure = request.uri.scheme == .sips
        self.localContact = localContact ?? request.headers.contacts.first
    }

    /// 101-199 with a To tag create an early dialog, 2xx a confirmed one (§12.1); other codes none.
    private static func state(for response: SIPResponse) -> State? {
        switch response.statusCode {
        case 101..<200: return response.headers.to?.tag == nil ? nil : .early
        case 200..<300: return .confirmed
        default: return nil
        }
    }

    private static func addresses(_ elements: [String]) -> [SIPNameAddress] {
        elements.compactMap { try? SIPNameAddress(parsing: $0) }
    }
}
