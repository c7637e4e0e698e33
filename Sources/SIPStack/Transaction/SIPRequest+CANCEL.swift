import SIPMessage

extension SIPRequest {
    /// The CANCEL for this (INVITE) request, built as RFC 3261 §9.1 requires: the same Request-URI, Call-ID,
    /// To, From and CSeq number (method CANCEL), a single Via equal to the request's top Via (so it has the
    /// same branch), and the request's Route headers.
    public func makeCANCEL() -> SIPRequest {
        var headers = SIPHeaders()
        if let via = self.headers.elements("Via").first { headers.add("Via", via) }
        headers.add("Max-Forwards", "70")
        if let from = self.headers["From"] { headers.add("From", from) }
        if let to = self.headers["To"] { headers.add("To", to) }
        if let callID = self.headers.callID { headers.add("Call-ID", callID) }
        headers.add("CSeq", SIPCSeq(sequence: cseq?.sequence ?? 0, method: .cancel).description)
        for route in self.headers.values("Route") { headers.add("Route", route) }
        return SIPRequest(method: .cancel, uri: uri, headers: headers)
    }
}
