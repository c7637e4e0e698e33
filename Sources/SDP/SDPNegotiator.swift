/// Pure RFC 3264 offer/answer for one call leg's audio stream.
///
/// ```
///   inbound leg:   remote offer ──▶ answer(toOffer:) ──▶ our answer + NegotiatedMedia
///   outbound leg:  makeOffer() ──▶ our offer ──▶ … ──▶ receivedAnswer(_:) ──▶ NegotiatedMedia
/// ```
///
/// Codec choice follows *local* preference order (the first codec in ``Configuration/codecs`` that the
/// offer contains wins), like FreeSWITCH's default. Dynamic payload type numbers of the offerer are
/// kept in the answer (RFC 3264 §6.1). The `o=` line keeps one session id and its version increments
/// by one exactly when our description changes (RFC 3264 §8).
public struct SDPNegotiator: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// Address we receive RTP on, written in `o=` and `c=`.
        public var localAddress: String
        /// Audio codecs in preference order, excluding telephone-event, for plain RTP (`RTP/AVP`) streams.
        public var codecs: [SDPCodec]
        /// Audio codecs in preference order for WebRTC streams (``SDPNegotiator/webRTCProtocols``): Opus
        /// first, G.711 as the fallback that needs no transcoding towards SIP phones.
        public var webRTCCodecs: [SDPCodec]
        /// RFC 4733 events for WebRTC streams, at the rates we accept; the one whose clock matches the
        /// chosen codec is answered when offered (RFC 4733 §2.1), else the first offered one.
        public var webRTCTelephoneEvents: [SDPCodec]
        /// RFC 4733 events to offer/accept, or `nil` to disable.
        public var telephoneEvent: SDPCodec?
        /// Our packetization time when the peer states none.
        public var ptime: Int
        /// Transport protocols accepted for plain-RTP audio m-lines. WebRTC protocols are accepted as WebRTC
        /// streams whenever the caller passes an ``SDPWebRTCTransport``; listing one here accepts it as a
        /// plain stream when no transport is passed.
        public var supportedProtocols: Set<String>
        /// Accept `a=rtcp-mux` when offered (RFC 5761 §5.1.1).
        public var acceptsRTCPMux: Bool
        public var username: String
        /// `o=` sess-id (RFC 8866 §5.2); when numeric it is also the first sess-version, as FreeSWITCH does.
        public var sessionID: String
        public var sessionName: String

        public init(
            localAddress: String, codecs: [SDPCodec] = [.pcmu, .pcma], telephoneEvent: SDPCodec? = .telephoneEvent,
            ptime: Int = 20, supportedProtocols: Set<String> = ["RTP/AVP"], acceptsRTCPMux: Bool = true,
            username: String = "Switchboard", sessionID: String, sessionName: String = "Switchboard",
            webRTCCodecs: [SDPCodec] = [.opus, .pcmu, .pcma],
            webRTCTelephoneEvents: [SDPCodec] = [.telephoneEvent48000, .telephoneEvent]
        ) {
            self.localAddress = localAddress
            self.codecs = codecs
            self.webRTCCodecs = webRTCCodecs
            self.webRTCTelephoneEvents = webRTCTelephoneEvents
            self.telephoneEvent = telephoneEvent
            self.ptime = ptime
            self.supportedProtocols = supportedProtocols
            self.acceptsRTCPMux = acceptsRTCPMux
            self.username = username
            self.sessionID = sessionID
            self.sessionName = sessionName
        }
    }

    public var configuration: Configuration
    /// The last description we sent (offer or answer); the basis for `o=` versioning.
    public internal(set) var localDescription: SessionDescription?
    /// Our offer awaiting an answer, if any.
    public internal(set) var pendingOffer: SessionDescription?
    /// The result of the last completed exchange.
    public internal(set) var negotiated: NegotiatedMedia?

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Stamps `o=` on a description we are about to send: same session id; version unchanged if the
    /// description is otherwise identical to the previous one, else previous + 1 (RFC 3264 §8).
    mutating func commitLocal(_ description: SessionDescription) -> SessionDescription {
        var result = description
        if let previous = localDescription {
            result.origin.sessionVersion = previous.origin.sessionVersion
            if result.differsIgnoringVersion(from: previous) { result.origin.sessionVersion &+= 1 }
        }
        localDescription = result
        return result
    }

    func makeSkeleton() -> SessionDescription {
        let addressType = configuration.localAddress.contains(":") ? "IP6" : "IP4"
        let origin = SDPOrigin(
            username: configuration.username, sessionID: configuration.sessionID,
            sessionVersion: UInt64(configuration.sessionID) ?? 1,
            addressType: addressType, unicastAddress: configuration.localAddress)
        return SessionDescription(
            origin: origin, sessionName: configuration.sessionName,
            connection: SDPConnection(addressType: addressType, address: configuration.localAddress))
    }

    /// Attributes for an audio section carrying `codec` (+ optional events) in preference order.
    func audioAttributes(
        _ maps: [(SDPRTPMap, String?)], ptime: Int, direction: SDPMediaDirection
    ) -> [SDPAttribute] {
        var attributes: [SDPAttribute] = []
        for (map, _) in maps { attributes.append(SDPAttribute("rtpmap", map.serialize())) }
        for (map, fmtp) in maps {
            if let fmtp { attributes.append(SDPAttribute("fmtp", "\(map.payloadType) \(fmtp)")) }
        }
        attributes.append(SDPAttribute("ptime", String(ptime)))
        attributes.append(SDPAttribute(direction.rawValue))
        return attributes
    }

    /// The codecs and RFC 4733 event codecs for a plain or a WebRTC stream, in preference order.
    func codecPreference(webRTC: Bool) -> (codecs: [SDPCodec], events: [SDPCodec]) {
        webRTC ? (configuration.webRTCCodecs, configuration.webRTCTelephoneEvents)
            : (configuration.codecs, configuration.telephoneEvent.map { [$0] } ?? [])
    }

    /// The telephone-event mapping among `maps` (in the peer's order) that one of `events` accepts:
    /// preferably the one at `clockRate`, the chosen codec's clock (RFC 4733 §2.1), else the first.
    static func telephoneEvent(
        in maps: [SDPRTPMap], events: [SDPCodec], clockRate: UInt32
    ) -> (map: SDPRTPMap, codec: SDPCodec)? {
        let candidates = maps.compactMap { map in events.first { $0.matches(map) }.map { (map, $0) } }
        return candidates.first { $0.0.clockRate == clockRate } ?? candidates.first
    }

    /// The peer's effective direction, folding in legacy `c=0.0.0.0` hold (RFC 3264 §8.4) unless
    /// `ignoresNullAddress` (ICE streams: the `c=` address means nothing, RFC 8839 §4.2.3 / JSEP §5.8).
    static func remoteDirection(
        of media: MediaDescription, in description: SessionDescription, ignoresNullAddress: Bool = false
    ) -> (direction: SDPMediaDirection, isHold: Bool) {
        var direction = description.effectiveDirection(for: media)
        let isNull = !ignoresNullAddress && (description.effectiveConnection(for: media)?.isNullAddress ?? false)
        if isNull { direction = direction.intersected(with: .sendonly) }
        return (direction, isNull || !direction.receives)
    }

    static func rtcpPort(of media: MediaDescription, mux: Bool) -> UInt16 {
        if mux { return media.port }
        if let rtcp = media.rtcp { return rtcp.port }
        return media.port == UInt16.max ? media.port : media.port + 1
    }
}
