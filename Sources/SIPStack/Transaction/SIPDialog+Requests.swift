import SIPMessage

extension SIPDialog {
    /// Methods whose requests (and 2xx responses) refresh the remote target (RFC 3261 §12.2, RFC 3311,
    /// RFC 6665) and carry our Contact.
    static let targetRefreshMethods: Set<SIPMethod> = [.invite, .update, .subscribe, .notify, .refer]

    /// Builds a new in-dialog request (§12.2.1.1): To/From with tags, Call-ID, the next local CSeq, and the
    /// Request-URI and Route headers from the remote target and route set. `via` is our Via without a
    /// branch; the transaction layer adds one. Use `makeACK(forInviteSequence:via:)` for the ACK of a 2xx.
    public mutating func makeRequest(_ method: SIPMethod, via: SIPVia) -> SIPRequest {
        // §12.2.1.1: an empty local sequence starts at a value chosen per §8.1.1.5; we start at 1.
        let sequence = (localSequence ?? 0) &+ 1
        localSequence = sequence
        return buildRequest(method, sequence: sequence, via: via)
    }

    /// The ACK for a 2xx to the INVITE with CSeq number `sequence` (§13.2.2.4): same CSeq number, method
    /// ACK, routed like any in-dialog request. It does not advance the local CSeq.
    public func makeACK(forInviteSequence sequence: UInt32, via: SIPVia) -> SIPRequest {
        buildRequest(.ack, sequence: sequence, via: via)
    }

    private func buildRequest(_ method: SIPMethod, sequence: UInt32, via: SIPVia) -> SIPRequest {
        let (requestURI, routes) = requestTarget()
        var headers = SIPHeaders()
        headers.add("Via", via.description)
        headers.add("Max-Forwards", "70")
        for route in routes { headers.add("Route", route.description) }
        headers.add("From", local.description)
        headers.add("To", remote.description)
        headers.add("Call-ID", id.callID)
        headers.add("CSeq", SIPCSeq(sequence: sequence, method: method).description)
        if SIPDialog.targetRefreshMethods.contains(method), let localContact {
            headers.add("Contact", localContact.description)
        }
        return SIPRequest(method: method, uri: requestURI, headers: headers)
    }

    /// §12.2.1.1: with no route set, or a loose router (`lr`) first, the Request-URI is the remote target
    /// and the Route headers are the route set. With a strict router first, the Request-URI is that
    /// router's URI (without the parameters a Request-URI may not carry) and the remote target goes last.
    func requestTarget() -> (SIPURI, [SIPNameAddress]) {
        guard let first = routeSet.first else { return (remoteTarget, []) }
        if first.uri.parameters.contains("lr") { return (remoteTarget, routeSet) }
        var uri = first.uri
        uri.parameters.remove("method")
        uri.parameters.remove("maddr")
        uri.parameters.remove("ttl")
        uri.parameters.remove("transport")
        uri.parameters.remove("lr")
        uri.headers = []
        return (uri, Array(routeSet.dropFirst()) + [SIPNameAddress(uri: remoteTarget)])
    }

    /// Checks and records the CSeq of a request received in this dialog (§12.2.2). Returns `false` for an
    /// out-of-order request (lower CSeq than the last one), which the TU answers with 500. ACK and CANCEL
    /// carry their INVITE's number and are always accepted. A target refresh request updates the remote
    /// target from its Contact.
    public mutating func receivedRequest(_ request: SIPRequest) -> Bool {
        guard let cseq = request.cseq else { return false }
        if request.method != .ack && request.method != .cancel {
            if let remoteSequence, cseq.sequence < remoteSequence { return false }
            remoteSequence = cseq.sequence
        }
        if SIPDialog.targetRefreshMethods.contains(request.method), let contact = request.headers.contacts.first {
            remoteTarget = contact.uri
        }
        return true
    }

    /// A response to our request in this dialog. A 2xx confirms an early dialog and recomputes its route
    /// set (§12.1.2, §13.2.2.4); a 2xx to a target refresh request updates the remote target (§12.2.1.2).
    public mutating func receivedResponse(_ response: SIPResponse) {
        guard (200..<300).contains(response.statusCode), let cseq = response.cseq else { return }
        if state == .early && cseq.method == .invite {
            state = .confirmed
            routeSet = response.headers.elements("Record-Route").compactMap { try? SIPNameAddress(parsing: $0) }.reversed()
            if let tag = response.headers.to?.tag, id.remoteTag.isEmpty { id.remoteTag = tag; remote.tag = tag }
        }
        if SIPDialog.targetRefreshMethods.contains(cseq.method), let contact = response.headers.contacts.first {
            remoteTarget = contact.uri
        }
    }
}
