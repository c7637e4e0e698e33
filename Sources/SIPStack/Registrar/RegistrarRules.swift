import SIPMessage

/// The result of applying a REGISTER to an address-of-record's bindings.
public struct RegistrarUpdate: Sendable, Equatable {
    /// The complete new binding set for the AOR (no expired bindings), to store.
    public var bindings: [SIPBinding]
    /// The Contact values of the 200 OK: every binding with its remaining `expires` (RFC 3261 §10.3 step 8).
    public var contactHeaderValues: [String]
    /// Live bindings that this request removed (`expires=0`, `Contact: *`, or dropped by the contact limit).
    public var removed: [SIPBinding]
    /// Bindings that had already expired at `now`; they are not in `bindings`.
    public var expired: [SIPBinding]

    public init(bindings: [SIPBinding], contactHeaderValues: [String], removed: [SIPBinding], expired: [SIPBinding]) {
        self.bindings = bindings
        self.contactHeaderValues = contactHeaderValues
        self.removed = removed
        self.expired = expired
    }
}

/// The registrar's processing of REGISTER, RFC 3261 §10.3, as a pure function.
///
/// Steps 1–4 (domain, Require, authentication, authorization) are the caller's; `addressOfRecord(of:)` gives
/// step 5's key; `apply` does steps 6–7 and returns the data for step 8 (`okResponse`).
public enum RegistrarRules {
    /// The canonical AOR of the REGISTER's To URI (RFC 3261 §10.3 step 5): `sip:user@host` with the host
    /// lower-cased, escapes in the user part resolved, and the port and every parameter removed. `sips:` maps
    /// to `sip:`, so both forms reach the same bindings.
    public static func addressOfRecord(of request: SIPRequest) throws(RegistrarError) -> String {
        guard let to = request.headers.to else { throw RegistrarError(.invalidAddressOfRecord, "missing or malformed To") }
        guard to.uri.scheme != .tel, !to.uri.host.isEmpty else {
            throw RegistrarError(.invalidAddressOfRecord, "not a SIP URI: \(to.uri)")
        }
        let host = to.uri.host.lowercased()
        guard let user = to.uri.user else { return "sip:" + host }
        return "sip:" + percentDecoded(user) + "@" + host
    }

    /// Applies `request` to the AOR's `currentBindings` at `now` (RFC 3261 §10.3 steps 6–7).
    ///
    /// - No Contact: a query; the live bindings come back unchanged.
    /// - `Contact: *` with `Expires: 0`: every binding is removed. With other contacts or any other Expires:
    ///   400.
    /// - Each Contact's interval is its `expires` parameter, else the `Expires` header, else
    ///   `policy.defaultExpires` (a malformed value counts as absent). A non-zero interval below
    ///   `policy.minExpires` (and below one hour) fails the whole request with 423; a longer one than
    ///   `policy.maxExpires` is shortened. `expires=0` removes that contact.
    /// - A contact whose URI matches a binding (RFC 3261 §19.1.4, simplified: scheme, user, password, host
    ///   case-insensitively, port, and the `user`/`ttl`/`method`/`maddr`/`transport` parameters and any
    ///   parameter present in both) refreshes it. If that binding has the request's Call-ID and a CSeq not
    ///   lower than the request's, the whole request fails (step 7).
    /// - Bindings already expired at `now` are dropped (reported in `expired`).
    /// - The contact limit then applies (see `RegistrarPolicy.ContactLimitAction`).
    ///
    /// Nothing changes unless the whole request succeeds.
    public static func apply(
        register request: SIPRequest, currentBindings: [SIPBinding], now: UnixTime, policy: RegistrarPolicy = RegistrarPolicy(),
        source: SIPPeer
    ) throws(RegistrarError) -> RegistrarUpdate {
        guard request.method == .register else { throw RegistrarError(.notRegister, request.method.rawValue) }
        guard let callID = request.headers.callID?.trimmingSIPWhitespace(), !callID.isEmpty, let cseq = request.headers.cseq else {
            throw RegistrarError(.missingCallIDOrCSeq)
        }
        let expired = currentBindings.filter { $0.isExpired(at: now) }
        let live = currentBindings.filter { !$0.isExpired(at: now) }
        let elements = request.headers.elements("Contact")
        let headerExpires = request.headers["Expires"].flatMap { deltaSeconds($0) }

        if elements.isEmpty {
            return makeUpdate(live, removed: [], expired: expired, now: now)
        }
        if elements.contains("*") {
            guard elements.count == 1 else { throw RegistrarError(.wildcardWithOtherContacts) }
            guard headerExpires == 0 else { throw RegistrarError(.wildcardWithoutZeroExpires) }
            // §10.3 step 6: a binding of the same Call-ID with a CSeq not lower fails the request.
            if let b = live.first(where: { $0.callID == callID && $0.cseq >= cseq.sequence }) {
                throw RegistrarError(.outOfOrder, "CSeq \(cseq.sequence) not above \(b.cseq) of \(b.contactURI)")
            }
            return makeUpdate([], removed: live, expired: expired, now: now)
        }

        let requested = try elements.map { (text) throws(RegistrarError) -> RequestedContact in
            try requestedContact(text, headerExpires: headerExpires, policy: policy)
        }
        var entries = live.map { Entry(binding: $0, uri: try? SIPURI(parsing: $0.contactURI), setByRequest: false) }
        var removed: [SIPBinding] = []
        for contact in requested {
            let index = entries.firstIndex { entry in
                guard let uri = entry.uri else { return entry.binding.contactURI == contact.uriText }
                return sameContact(uri, contact.uri)
            }
            if let index, !entries[index].setByRequest {
                let existing = entries[index].binding
                if existing.callID == callID && existing.cseq >= cseq.sequence {
                    throw RegistrarError(.outOfOrder, "CSeq \(cseq.sequence) not above \(existing.cseq) of \(existing.contactURI)")
                }
            }
            if contact.expires == 0 {
                if let index {
                    let entry = entries.remove(at: index)
                    if !entry.setByRequest { removed.append(entry.binding) }
                }
                continue
            }
            let binding = SIPBinding(
                contactURI: contact.uriText, expiresAt: now + contact.expires, callID: callID, cseq: cseq.sequence, q: contact.q,
                contactParameters: contact.parameters, source: source)
            let entry = Entry(binding: binding, uri: contact.uri, setByRequest: true)
            if let index { entries[index] = entry } else { entries.append(entry) }
        }
        try enforceContactLimit(&entries, removed: &removed, policy: policy)
        return makeUpdate(entries.map(\.binding), removed: removed, expired: expired, now: now)
    }

    // MARK: - Steps

    private struct Entry {
        var binding: SIPBinding
        var uri: SIPURI?
        var setByRequest: Bool
    }

    private struct RequestedContact {
        var uri: SIPURI
        var uriText: String
        var expires: Int64
        var q: Double?
        var parameters: SIPParameters
    }

    private static func requestedContact(_ text: String, headerExpires: Int64?, policy: RegistrarPolicy) throws(RegistrarError) -> RequestedContact {
        let address: SIPNameAddress
        do {
            address = try SIPNameAddress(parsing: text)
        } catch {
            throw RegistrarError(.malformedContact, text)
        }
        // A binding must be reachable by SIP: sip, sips or tel (RFC 3261 §10.2.1 contact addresses).
        guard address.uri.scheme == .sip || address.uri.scheme == .sips || address.uri.scheme == .tel else {
            throw RegistrarError(.malformedContact, "unsupported scheme in \(text)")
        }
        var parameters = address.parameters
        var q: Double?
        if let qText = parameters["q"] {
            guard let qText, let value = SIPBinding.parse(q: qText) else { throw RegistrarError(.malformedContact, "q in \(text)") }
            q = value
        }
        let paramExpires = (parameters["expires"] ?? nil).flatMap { deltaSeconds($0) }
        parameters.remove("q")
        parameters.remove("expires")
        let requested = paramExpires ?? headerExpires ?? policy.defaultExpires
        // §10.3 step 7: 423 only if the interval is > 0, < 1 hour and < the configured minimum.
        if requested > 0 && requested < 3600 && requested < policy.minExpires {
            throw RegistrarError(.intervalTooBrief, "\(requested) s for \(text)", minExpires: policy.minExpires)
        }
        return RequestedContact(
            uri: address.uri, uriText: address.uri.description, expires: min(requested, policy.maxExpires), q: q,
            parameters: parameters)
    }

    private static func enforceContactLimit(_ entries: inout [Entry], removed: inout [SIPBinding], policy: RegistrarPolicy) throws(RegistrarError) {
        guard entries.count > policy.maxContactsPerAOR else { return }
        let setByRequest = entries.filter(\.setByRequest).count
        guard policy.whenContactLimitReached == .dropSoonestExpiring, setByRequest <= policy.maxContactsPerAOR else {
            throw RegistrarError(.tooManyContacts, "\(entries.count) > \(policy.maxContactsPerAOR)")
        }
        while entries.count > policy.maxContactsPerAOR {
            var victim: Int?
            for (i, entry) in entries.enumerated() where !entry.setByRequest {
                if victim == nil || entry.binding.expiresAt < entries[victim!].binding.expiresAt { victim = i }
            }
            guard let victim else { break }
            removed.append(entries.remove(at: victim).binding)
        }
    }

    private static func makeUpdate(_ bindings: [SIPBinding], removed: [SIPBinding], expired: [SIPBinding], now: UnixTime) -> RegistrarUpdate {
        RegistrarUpdate(
            bindings: bindings, contactHeaderValues: bindings.map { $0.contactHeaderValue(at: now) }, removed: removed,
            expired: expired)
    }

    // MARK: - Grammar pieces

    /// delta-seconds (RFC 3261 §20.19, §25.1): digits only; values above 2^32-1 count as 2^32-1. `nil` when
    /// malformed.
    static func deltaSeconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingSIPWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        let limit = Int64(UInt32.max)
        var value: Int64 = 0
        for digit in trimmed.utf8 {
            value = value * 10 + Int64(digit - UInt8(ascii: "0"))
            if value > limit { return limit }
        }
        return value
    }

    /// RFC 3261 §19.1.4, simplified: a comparison of URIs that names the same contact.
    static func sameContact(_ a: SIPURI, _ b: SIPURI) -> Bool {
        guard a.scheme == b.scheme, a.user == b.user, a.password == b.password, a.port == b.port,
            a.host.lowercased() == b.host.lowercased()
        else {
            return false
        }
        for name in ["user", "ttl", "method", "maddr", "transport"] {
            let x = a.parameters[name].map { $0?.lowercased() }
            let y = b.parameters[name].map { $0?.lowercased() }
            if x != y { return false }
        }
        for p in a.parameters where b.parameters.contains(p.name) {
            if (b.parameters[p.name] ?? nil)?.lowercased() != p.value?.lowercased() { return false }
        }
        return true
    }

    /// Resolves `%XX` escapes (RFC 3261 §19.1.4: escaped and unescaped characters compare equal). Invalid
    /// escapes are left as they are.
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
                let high = HexEncoding.value(ofHexDigit: bytes[i + 1]), let low = HexEncoding.value(ofHexDigit: bytes[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
