import STUN

extension ICELiteAgent {
    /// Handles one STUN datagram from `source` (the shell sends only ``PacketClass/stun`` here).
    ///
    /// For a Binding request (RFC 8445 §7.3) the order is:
    /// 1. not parseable, wrong FINGERPRINT, not a request → dropped silently (RFC 8489 §6.3; indications
    ///    such as RFC 5245 keepalives and stray responses need nothing);
    /// 2. not Binding → 400;
    /// 3. short-term credentials (RFC 8489 §9.1.3): no USERNAME or MESSAGE-INTEGRITY → 400; USERNAME not
    ///    `<our ufrag>:<their ufrag>` or MESSAGE-INTEGRITY not made with our password → 401 (both unsigned);
    /// 4. unknown comprehension-required attributes → 420 with UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1);
    /// 5. ICE-CONTROLLED → 487 Role Conflict: a lite agent is always controlled (RFC 8445 §6.1.1) and
    ///    cannot switch, so it always asks the full peer to take the controlling role (§7.3.1.1, §7.2.5.1);
    /// 6. otherwise a success response with XOR-MAPPED-ADDRESS of the source (§7.3.1.2), the source is
    ///    validated, consent refreshed, and USE-CANDIDATE nominates it (§7.3.1.5).
    ///
    /// Every response carries FINGERPRINT (RFC 8445 §7.1); those to authenticated requests also
    /// MESSAGE-INTEGRITY with the local password.
    public mutating func receive(
        _ datagram: ArraySlice<UInt8>, from source: TransportAddress, now: ICEInstant
    ) -> [ICEAction] {
        guard let request = try? STUNMessage(parsing: datagram), request.type.messageClass == .request,
            STUNMessage.checkFingerprint(datagram) != .invalid
        else { return [] }
        guard request.type.method == .binding else { return [respond(to: request, error: .badRequest, from: source)] }
        guard request.contains(.messageIntegrity), let username = try? request.username() else {
            return [respond(to: request, error: .badRequest, from: source)]
        }
        guard let generation = credentialGeneration(for: username) else {
            return [respond(to: request, error: .unauthorized, from: source)]
        }
        let local = generation == .current ? localCredentials : previousCredentials!.local
        guard STUNMessage.checkMessageIntegrity(datagram, key: local.key) == .valid else {
            return [respond(to: request, error: .unauthorized, from: source)]
        }
        if generation == .current { previousCredentials = nil }
        let unknown = request.unknownComprehensionRequired
        guard unknown.isEmpty else {
            return [respond(to: request, error: .unknownAttribute, from: source, signedWith: local, unknown: unknown)]
        }
        guard !request.contains(.iceControlled) else {
            return [respond(to: request, error: .roleConflict, from: source, signedWith: local)]
        }
        recordValidCheck(from: source, now: now)
        var actions = [respondSuccess(to: request, from: source, signedWith: local)]
        if request.useCandidate {
            let remotePriority = (try? request.priority()) ?? 0
            actions += nominate(source, remotePriority: remotePriority, now: now)
        }
        return actions
    }

    /// ``receive(_:from:now:)`` for a whole array.
    public mutating func receive(_ datagram: [UInt8], from source: TransportAddress, now: ICEInstant) -> [ICEAction] {
        receive(datagram[...], from: source, now: now)
    }

    enum CredentialGeneration { case current, previous }

    /// RFC 8445 §7.2.2: a check's USERNAME is `<receiver ufrag>:<sender ufrag>`. The sender half is
    /// checked only when the peer's ufrag is known.
    func credentialGeneration(for username: String) -> CredentialGeneration? {
        guard let colon = username.firstIndex(of: ":") else { return nil }
        let receiver = username[..<colon]
        let sender = username[username.index(after: colon)...]
        func matches(_ local: ICECredentials, _ remote: ICECredentials?) -> Bool {
            receiver == local.ufrag && (remote == nil || sender == remote!.ufrag)
        }
        if matches(localCredentials, remoteCredentials) { return .current }
        if let previous = previousCredentials, matches(previous.local, previous.remote) { return .previous }
        return nil
    }

    private func respondSuccess(
        to request: STUNMessage, from source: TransportAddress, signedWith local: ICECredentials
    ) -> ICEAction {
        var response = STUNMessage(type: .bindingSuccessResponse, transactionID: request.transactionID)
        response.attributes.append(.xorMappedAddress(source, transactionID: request.transactionID))
        if let software = configuration.software { response.attributes.append(.software(software)) }
        return .send(response.serialize(messageIntegrityKey: local.key, fingerprint: true), to: source)
    }

    private func respond(
        to request: STUNMessage, error: STUNErrorCode, from source: TransportAddress,
        signedWith local: ICECredentials? = nil, unknown: [STUNAttributeType] = []
    ) -> ICEAction {
        var response = STUNMessage(
            type: STUNMessageType(method: request.type.method, messageClass: .errorResponse),
            transactionID: request.transactionID, attributes: [.errorCode(error)])
        if !unknown.isEmpty { response.attributes.append(.unknownAttributes(unknown)) }
        if let software = configuration.software { response.attributes.append(.software(software)) }
        return .send(response.serialize(messageIntegrityKey: local?.key, fingerprint: true), to: source)
    }
}
