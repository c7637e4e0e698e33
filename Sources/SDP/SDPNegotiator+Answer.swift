/// Our answer to a remote offer plus the negotiated audio parameters.
public struct SDPAnswer: Hashable, Sendable {
    public var description: SessionDescription
    public var media: NegotiatedMedia
}

extension SDPNegotiator {
    /// Answers a remote offer (RFC 3264 §6). The first acceptable audio m-line is accepted with the
    /// first codec, in *local* preference order, that the offer contains; every other m-line (video,
    /// data channels, a second audio stream) is rejected with port 0 (§6), keeping its `a=mid`, and is
    /// left out of the answer's BUNDLE group (RFC 8843 §7.3.3). `localDirection` expresses our own
    /// intent (e.g. `.sendonly` when we hold) and is intersected with the reverse of the offered
    /// direction (§6.1).
    ///
    /// With `webRTC` (our ICE credentials, candidates and fingerprint), an audio m-line in one of
    /// ``webRTCProtocols`` is answered as a WebRTC stream (RFC 8829 §5.3): same protocol,
    /// ``Configuration/webRTCCodecs``, session-level `a=ice-lite`, `a=group:BUNDLE <mid>`, our ICE,
    /// `a=fingerprint`, `a=setup` (``SDPSetup/answer(toOffer:)``), `a=rtcp-mux`, candidates and
    /// `a=end-of-candidates`. The peer's `a=rtcp-fb`, `a=extmap`, `a=ssrc`, `a=msid` and `a=rtcp-rsize`
    /// are not echoed: we honour none of them. Plain `RTP/AVP` offers get the same answer as without it.
    ///
    /// - Throws: ``SDPNegotiationError/noCompatibleMedia`` (SIP 488) when no audio stream can be
    ///   accepted; for the WebRTC stream being accepted, ``SDPNegotiationError/malformedFingerprint``,
    ///   ``SDPNegotiationError/missingFingerprint``, ``SDPNegotiationError/malformedSetup``,
    ///   ``SDPNegotiationError/missingICECredentials``, ``SDPNegotiationError/malformedICECredentials``
    ///   or ``SDPNegotiationError/rtcpMuxRequired`` (all 488).
    public mutating func answer(
        toOffer offer: SessionDescription, localPort: UInt16, localDirection: SDPMediaDirection = .sendrecv,
        webRTC: SDPWebRTCTransport? = nil
    ) throws(SDPNegotiationError) -> SDPAnswer {
        var answer = makeSkeleton()
        var result: NegotiatedMedia?
        for offered in offer.media {
            if result == nil,
               let accepted = try accept(offered, in: offer, localPort: localPort, localDirection, webRTC: webRTC) {
                answer.media.append(accepted.0)
                result = accepted.1
            } else {
                var rejected = MediaDescription(
                    media: offered.media, port: 0, proto: offered.proto, formats: offered.formats)
                if let mid = offered.attributeValue("mid") { rejected.attributes.append(SDPAttribute("mid", mid)) }
                answer.media.append(rejected)
            }
        }
        guard let result else { throw .noCompatibleMedia }
        if let webRTC, result.isWebRTC {
            let bundled = result.mid.flatMap { offer.bundleGroup(containing: $0) } != nil
            answer.attributes = sessionAttributes(webRTC, bundle: bundled ? result.mid : nil)
        }
        pendingOffer = nil
        negotiated = result
        return SDPAnswer(description: commitLocal(answer), media: result)
    }

    /// The answer's section and negotiated media for `offered`, or `nil` when it cannot be accepted.
    private func accept(
        _ offered: MediaDescription, in offer: SessionDescription, localPort: UInt16,
        _ localDirection: SDPMediaDirection, webRTC: SDPWebRTCTransport?
    ) throws(SDPNegotiationError) -> (MediaDescription, NegotiatedMedia)? {
        let isWebRTC = webRTC != nil && Self.webRTCProtocols.contains(offered.proto)
        let bundleOnly = isWebRTC && offered.port == 0 && offered.hasAttribute("bundle-only")
        guard offered.media == "audio", offered.port != 0 || bundleOnly,
              isWebRTC || configuration.supportedProtocols.contains(offered.proto),
              let remote = offer.effectiveConnection(for: offered) ?? (isWebRTC ? SDPConnection(address: "0.0.0.0") : nil)
        else { return nil }
        let (codecs, events) = codecPreference(webRTC: isWebRTC)
        let offeredMaps = offered.payloadTypes.compactMap { offered.rtpMap(for: $0) }
        guard let (map, codec) = Self.firstMatch(codecs: codecs, in: offeredMaps) else { return nil }
        let offeredFMTP = offered.formatParameters(for: map.payloadType)
        var maps: [(SDPRTPMap, String?)] = [(map, codec.formatParameters ?? offeredFMTP)]
        let event = Self.telephoneEvent(in: offeredMaps, events: events, clockRate: map.clockRate)
        if let event {
            maps.append((event.map, offered.formatParameters(for: event.map.payloadType) ?? event.codec.formatParameters))
        }
        let mid = offered.attributeValue("mid")
        var secure: NegotiatedWebRTC?
        if isWebRTC {
            secure = try Self.remoteWebRTC(of: offered, in: offer, isOffer: true)
            guard offered.rtcpMux else { throw .rtcpMuxRequired }
        }
        let (remoteDirection, isHold) = Self.remoteDirection(of: offered, in: offer, ignoresNullAddress: isWebRTC)
        let direction = remoteDirection.answerDirection.intersected(with: localDirection)
        let ptime = offered.ptime ?? configuration.ptime
        let mux = offered.rtcpMux && (isWebRTC || configuration.acceptsRTCPMux)
        var attributes: [SDPAttribute] = []
        if let webRTC, let secure {
            attributes = transportAttributes(webRTC, mid: mid, setup: secure.localSetup)
        } else if let mid {
            attributes.append(SDPAttribute("mid", mid))
        }
        attributes += audioAttributes(maps, ptime: ptime, direction: direction)
        if let webRTC, secure != nil {
            attributes += sourceAndCandidateAttributes(webRTC)
        } else if mux {
            attributes.append(SDPAttribute("rtcp-mux"))
        }
        let media = MediaDescription(
            media: "audio", port: localPort, proto: offered.proto, formats: maps.map { String($0.0.payloadType) },
            attributes: attributes)
        let remotePort = bundleOnly ? (mid.flatMap { offer.bundleTransportPort(for: $0) } ?? 9) : offered.port
        let negotiated = NegotiatedMedia(
            remoteAddress: remote.host, remotePort: remotePort,
            remoteRTCPPort: mux ? remotePort : Self.rtcpPort(of: offered, mux: false), rtcpMux: mux,
            payloadType: map.payloadType, encodingName: map.encodingName, clockRate: map.clockRate,
            channels: map.encodingParameters, formatParameters: offeredFMTP ?? codec.formatParameters,
            telephoneEventPayloadType: event?.map.payloadType, ptime: ptime, direction: direction,
            isRemoteHold: isHold, proto: offered.proto, telephoneEventClockRate: event?.map.clockRate ?? 8000,
            mid: mid, webRTC: secure)
        return (media, negotiated)
    }

    /// The first of `codecs` (local preference) that one of `maps` describes (RFC 3264 §6.1).
    static func firstMatch(codecs: [SDPCodec], in maps: [SDPRTPMap]) -> (SDPRTPMap, SDPCodec)? {
        for codec in codecs {
            if let map = maps.first(where: codec.matches) { return (map, codec) }
        }
        return nil
    }
}
