extension SDPNegotiator {
    /// Makes an offer for one audio stream with every configured codec in preference order, followed
    /// by telephone-event (RFC 3264 §5). Re-offers keep the session id and bump the version only when
    /// the description changed (§8). Use `.sendonly` to put the peer on hold (§8.4).
    ///
    /// With `webRTC` the offer is for a browser (RFC 8829 §5.2): `UDP/TLS/RTP/SAVPF` with
    /// ``Configuration/webRTCCodecs`` (Opus first, G.711 as fallback) and
    /// ``Configuration/webRTCTelephoneEvents``, session-level `a=ice-lite` and `a=group:BUNDLE 0`, and
    /// `a=mid:0`, our ICE credentials, `a=fingerprint`, `a=setup:actpass` (RFC 8842 §5.2), `a=rtcp-mux`,
    /// candidates and `a=end-of-candidates` in the media section. `offersRTCPMux` is then implied.
    public mutating func makeOffer(
        localPort: UInt16, direction: SDPMediaDirection = .sendrecv, offersRTCPMux: Bool = false,
        webRTC: SDPWebRTCTransport? = nil
    ) -> SessionDescription {
        var offer = makeSkeleton()
        let (codecs, events) = codecPreference(webRTC: webRTC != nil)
        let maps = (codecs + events).map { ($0.rtpMap, $0.formatParameters) }
        var attributes: [SDPAttribute] = []
        if let webRTC {
            offer.attributes = sessionAttributes(webRTC, bundle: Self.offeredMid)
            attributes = transportAttributes(webRTC, mid: Self.offeredMid, setup: .actpass)
        }
        attributes += audioAttributes(maps, ptime: configuration.ptime, direction: direction)
        if let webRTC {
            attributes += sourceAndCandidateAttributes(webRTC)
        } else if offersRTCPMux {
            attributes.append(SDPAttribute("rtcp-mux"))
        }
        offer.media = [
            MediaDescription(
                media: "audio", port: localPort, proto: webRTC == nil ? "RTP/AVP" : "UDP/TLS/RTP/SAVPF",
                formats: maps.map { String($0.0.payloadType) }, attributes: attributes)
        ]
        let stamped = commitLocal(offer)
        pendingOffer = stamped
        return stamped
    }

    /// The `a=mid` of the audio section we offer to a WebRTC peer (RFC 8843 §7.2).
    static let offeredMid = "0"

    /// Processes the answer to our outstanding offer (RFC 3264 §7). The answerer's first listed format
    /// that matches one of our codecs becomes the send codec. For a WebRTC offer the answer's ICE,
    /// `a=fingerprint` and `a=setup` are read, and our DTLS role is the complement of the answer's
    /// `a=setup` (RFC 8842 §5.4): `active` makes us `passive` (the DTLS server).
    ///
    /// - Throws: ``SDPNegotiationError/noOutstandingOffer``, ``SDPNegotiationError/mediaCountMismatch``,
    ///   or ``SDPNegotiationError/noCompatibleMedia`` when the audio stream was rejected or carries no
    ///   codec we offered; for a WebRTC answer also the fingerprint, setup, ICE and rtcp-mux errors.
    public mutating func receivedAnswer(_ answer: SessionDescription) throws(SDPNegotiationError) -> NegotiatedMedia {
        guard let offer = pendingOffer else { throw .noOutstandingOffer }
        guard answer.media.count == offer.media.count else { throw .mediaCountMismatch }
        for (index, offered) in offer.media.enumerated() where offered.media == "audio" {
            let answered = answer.media[index]
            let isWebRTC = Self.webRTCProtocols.contains(offered.proto)
            guard answered.port != 0,
                  let remote = answer.effectiveConnection(for: answered)
                    ?? (isWebRTC ? SDPConnection(address: "0.0.0.0") : nil) else { continue }
            guard let result = try negotiate(answered, in: answer, offered: offered, remote: remote) else { continue }
            pendingOffer = nil
            negotiated = result
            return result
        }
        throw .noCompatibleMedia
    }

    private func negotiate(
        _ answered: MediaDescription, in answer: SessionDescription, offered: MediaDescription,
        remote: SDPConnection
    ) throws(SDPNegotiationError) -> NegotiatedMedia? {
        let isWebRTC = Self.webRTCProtocols.contains(offered.proto)
        let (codecs, events) = codecPreference(webRTC: isWebRTC)
        let maps = answered.payloadTypes.compactMap { answered.rtpMap(for: $0) }
        guard let map = maps.first(where: { m in codecs.contains { $0.matches(m) } }) else { return nil }
        let event = Self.telephoneEvent(in: maps, events: events, clockRate: map.clockRate)
        var secure: NegotiatedWebRTC?
        if isWebRTC {
            secure = try Self.remoteWebRTC(of: answered, in: answer, isOffer: false)
            guard answered.rtcpMux else { throw .rtcpMuxRequired }
        }
        let (remoteDirection, isHold) = Self.remoteDirection(of: answered, in: answer, ignoresNullAddress: isWebRTC)
        let ourDirection = offered.explicitDirection ?? .sendrecv
        let mux = answered.rtcpMux && offered.rtcpMux
        return NegotiatedMedia(
            remoteAddress: remote.host, remotePort: answered.port,
            remoteRTCPPort: Self.rtcpPort(of: answered, mux: mux), rtcpMux: mux, payloadType: map.payloadType,
            encodingName: map.encodingName, clockRate: map.clockRate, channels: map.encodingParameters,
            formatParameters: answered.formatParameters(for: map.payloadType),
            telephoneEventPayloadType: event?.map.payloadType,
            ptime: answered.ptime ?? offered.ptime ?? configuration.ptime,
            direction: ourDirection.intersected(with: remoteDirection.answerDirection), isRemoteHold: isHold,
            proto: offered.proto, telephoneEventClockRate: event?.map.clockRate ?? 8000,
            mid: answered.attributeValue("mid") ?? offered.attributeValue("mid"), webRTC: secure)
    }
}
