import SIPMessage

/// RFC 3261 §18.2.1 and RFC 3581 §4: a server adds `received` when the top Via's sent-by is not the
/// packet's source address, and fills `rport` with the source port when the client asked for it.
/// Responses then go back to the address and port the request really came from (NAT traversal).
enum SIPViaStamping {
    static func stamp(_ request: inout SIPRequest, from peer: SIPPeer) {
        guard let first = request.headers.fields.firstIndex(where: { SIPHeaders.canonicalKey($0.name) == "via" }) else {
            return
        }
        let field = request.headers.fields[first]
        var elements = SIPHeaders.splitElements(field.value)
        guard !elements.isEmpty, var via = try? SIPVia(parsing: elements[0]) else { return }
        var changed = false
        if via.hostWithoutBrackets != peer.host {
            via.parameters.set("received", peer.host)
            changed = true
        }
        if via.rport != nil {
            via.parameters.set("received", peer.host)
            via.parameters.set("rport", String(peer.port))
            changed = true
        }
        guard changed else { return }
        elements[0] = via.description
        var pairs = request.headers.fields.map { ($0.name, $0.value) }
        pairs[first].1 = elements.joined(separator: ", ")
        request.headers = SIPHeaders(pairs)
    }
}

extension SIPVia {
    var hostWithoutBrackets: String {
        if host.hasPrefix("[") && host.hasSuffix("]") { return String(host.dropFirst().dropLast()) }
        return host
    }
}
