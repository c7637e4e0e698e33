/// Our answer to a remote offer plus the negotiated audio parameters.
public struct SDPAnswer: Hashable, Sendable {
    public var description: SessionDescription
    public var media: NegotiatedMedia
}

extension SDPNegotiator {
    /// Answers a remote offer (RFC 3264 §6). The first acceptable audio m-line is accepted with the
    /// first codec, in *local* preference order, that the offer contains; every other m-line is
    /// rejected with port 0 (§6). `localDirection` expresses our own intent (e.g. `.sendonly` when we
    /// hold) and is intersected with the reverse of the offered direction (§6.1).
    ///
    /// - Throws: ``SDPNegotiationError/noCompatibleMedia`` (SIP 488) when no audio stream can be accepted.
    public mutating func answer(
        toOffer offer: SessionDescription, localPort: UInt16, localDirection: SDPMediaDirection = .sendrecv
    ) throws(SDPNegotiationError) -> SDPAnswer {
        var answer = makeSkeleton()
        var result: NegotiatedMedia?
        for offered in offer.media {
            if result == nil, let accepted = accept(offered, in: offer, localPort: localPort, localDirection) {
                answer.media.append(accepted.0)
                result = accepted.1
            } else {
                answer.media.append(
                    MediaDescription(media: offered.media, port: 0, proto: offered.proto, formats: offered.formats))
            }
        }
        guard let result else { throw .noCompatibleMedia }
        pendingOffer = nil
        negotiated = result
        return SDPAnswer(description: commitLocal(answer), media: result)
    }

    private func accept(
        _ offered: MediaDescription, in offer: SessionDescription, localPort: UInt16,
        _ localDirection: SDPMediaDirection
    ) -> (MediaDescription, NegotiatedMedia)? {
        guard offered.media == "audio", offered.port != 0,
              configuration.supportedProtocols.contains(offered.proto),
              let remote = offer.effectiveConnection(for: offered) else { return nil }
        let payloadTypes = offered.payloadTypes
        var chosen: (SDPRTPMap, SDPCodec)?
        search: for codec in configuration.codecs {
            for pt in payloadTypes {
                if let map = offered.rtpMap(for: pt), codec.matches(map) {
                    chosen = (map, codec)
                    break search
                }
            }
        }
        guard let (map, codec) = chosen else { return nil }
        var maps: [(SDPRTPMap, String?)] = [(map, offered.formatParameters(for: map.payloadType) ?? codec.formatParameters)]
        var eventPT: UInt8?
        if let event = configuration.telephoneEvent,
           let eventMap = payloadTypes.lazy.compactMap({ offered.rtpMap(for: $0) }).first(where: event.matches) {
            eventPT = eventMap.payloadType
            maps.append((eventMap, offered.formatParameters(for: eventMap.payloadType) ?? event.formatParameters))
        }
        let (remoteDirection, isHold) = Self.remoteDirection(of: offered, in: offer)
        let direction = remoteDirection.answerDirection.intersected(with: localDirection)
        let ptime = offered.ptime ?? configuration.ptime
        let mux = offered.rtcpMux && configuration.acceptsRTCPMux
        var attributes = audioAttributes(maps, ptime: ptime, direction: direction)
        if mux { attributes.append(SDPAttribute("rtcp-mux")) }
        let media = MediaDescription(
            media: "audio", port: localPort, proto: offered.proto, formats: maps.map { String($0.0.payloadType) },
            attributes: attributes)
        let negotiated = NegotiatedMedia(
            remoteAddress: remote.host, remotePort: offered.port,
            remoteRTCPPort: Self.rtcpPort(of: offered, mux: mux), rtcpMux: mux, payloadType: map.payloadType,
            encodingName: map.encodingName, clockRate: map.clockRate, channels: map.encodingParameters,
            formatParameters: maps[0].1, telephoneEventPayloadType: eventPT, ptime: ptime, direction: direction,
            isRemoteHold: isHold)
        return (media, negotiated)
    }
}
