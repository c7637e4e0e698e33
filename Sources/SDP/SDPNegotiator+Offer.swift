extension SDPNegotiator {
    /// Makes an offer for one audio stream with every configured codec in preference order, followed
    /// by telephone-event (RFC 3264 §5). Re-offers keep the session id and bump the version only when
    /// the description changed (§8). Use `.sendonly` to put the peer on hold (§8.4).
    public mutating func makeOffer(
        localPort: UInt16, direction: SDPMediaDirection = .sendrecv, offersRTCPMux: Bool = false
    ) -> SessionDescription {
        var offer = makeSkeleton()
        var maps = configuration.codecs.map { ($0.rtpMap, $0.formatParameters) }
        if let event = configuration.telephoneEvent { maps.append((event.rtpMap, event.formatParameters)) }
        var attributes = audioAttributes(maps, ptime: configuration.ptime, direction: direction)
        if offersRTCPMux { attributes.append(SDPAttribute("rtcp-mux")) }
        offer.media = [
            MediaDescription(
                media: "audio", port: localPort, proto: "RTP/AVP", formats: maps.map { String($0.0.payloadType) },
                attributes: attributes)
        ]
        let stamped = commitLocal(offer)
        pendingOffer = stamped
        return stamped
    }

    /// Processes the answer to our outstanding offer (RFC 3264 §7). The answerer's first listed format
    /// that matches one of our codecs becomes the send codec.
    ///
    /// - Throws: ``SDPNegotiationError/noOutstandingOffer``, ``SDPNegotiationError/mediaCountMismatch``,
    ///   or ``SDPNegotiationError/noCompatibleMedia`` when the audio stream was rejected or carries no
    ///   codec we offered.
    public mutating func receivedAnswer(_ answer: SessionDescription) throws(SDPNegotiationError) -> NegotiatedMedia {
        guard let offer = pendingOffer else { throw .noOutstandingOffer }
        guard answer.media.count == offer.media.count else { throw .mediaCountMismatch }
        for (index, offered) in offer.media.enumerated() where offered.media == "audio" {
            let answered = answer.media[index]
            guard answered.port != 0, let remote = answer.effectiveConnection(for: answered) else { continue }
            guard let result = negotiate(answered, in: answer, offered: offered, remote: remote) else { continue }
            pendingOffer = nil
            negotiated = result
            return result
        }
        throw .noCompatibleMedia
    }

    private func negotiate(
        _ answered: MediaDescription, in answer: SessionDescription, offered: MediaDescription,
        remote: SDPConnection
    ) -> NegotiatedMedia? {
        let maps = answered.payloadTypes.compactMap { answered.rtpMap(for: $0) }
        guard let map = maps.first(where: { m in configuration.codecs.contains { $0.matches(m) } }) else { return nil }
        let eventPT = configuration.telephoneEvent.flatMap { event in maps.first(where: event.matches)?.payloadType }
        let (remoteDirection, isHold) = Self.remoteDirection(of: answered, in: answer)
        let ourDirection = offered.explicitDirection ?? .sendrecv
        let mux = answered.rtcpMux && offered.rtcpMux
        return NegotiatedMedia(
            remoteAddress: remote.host, remotePort: answered.port,
            remoteRTCPPort: Self.rtcpPort(of: answered, mux: mux), rtcpMux: mux, payloadType: map.payloadType,
            encodingName: map.encodingName, clockRate: map.clockRate, channels: map.encodingParameters,
            formatParameters: answered.formatParameters(for: map.payloadType), telephoneEventPayloadType: eventPT,
            ptime: answered.ptime ?? offered.ptime ?? configuration.ptime,
            direction: ourDirection.intersected(with: remoteDirection.answerDirection), isRemoteHold: isHold)
    }
}
