extension SDPNegotiator {
    /// Transport protocols of a DTLS-SRTP stream that WebRTC peers send (RFC 8829 §5.1.2: JSEP offers
    /// `UDP/TLS/RTP/SAVPF`, and accepts the others in received descriptions, §5.8). Answers always
    /// repeat the offer's protocol (RFC 3264 §6).
    public static let webRTCProtocols: Set<String> = ["UDP/TLS/RTP/SAVPF", "UDP/TLS/RTP/SAVP", "RTP/SAVPF"]

    /// Reads the peer's ICE and DTLS attributes for `media` (media level first, then session level).
    ///
    /// - Parameter isOffer: an offer may say `actpass`; an answer must say `active` or `passive`
    ///   (RFC 8842 §5.2, §5.3). The result's `localSetup` is the role we take.
    static func remoteWebRTC(
        of media: MediaDescription, in description: SessionDescription, isOffer: Bool
    ) throws(SDPNegotiationError) -> NegotiatedWebRTC {
        let fingerprintValues = media.hasAttribute("fingerprint")
            ? media.attributeValues("fingerprint") : description.attributes.filter { $0.name == "fingerprint" }.map(\.value)
        var fingerprints: [SDPFingerprint] = []
        for value in fingerprintValues {
            guard let value, let fingerprint = SDPFingerprint(attributeValue: value) else { throw .malformedFingerprint }
            fingerprints.append(fingerprint)
        }
        guard !fingerprints.isEmpty else { throw .missingFingerprint }
        let remoteSetup = try setup(of: media, in: description)
        let localSetup: SDPSetup?
        if isOffer {
            localSetup = SDPSetup.answer(toOffer: remoteSetup)
        } else {
            // RFC 4145 §4.1: no a=setup means active.
            localSetup = SDPSetup.offerer(afterAnswer: remoteSetup ?? .active)
        }
        guard let localSetup else { throw .malformedSetup }
        return NegotiatedWebRTC(
            remoteICE: try iceParameters(of: media, in: description), remoteFingerprints: fingerprints,
            remoteSetup: remoteSetup, localSetup: localSetup)
    }

    private static func setup(
        of media: MediaDescription, in description: SessionDescription
    ) throws(SDPNegotiationError) -> SDPSetup? {
        let attribute = media.attributes.first { $0.name == "setup" } ?? description.attributes.first { $0.name == "setup" }
        guard let attribute else { return nil }
        guard let value = attribute.value, let setup = SDPSetup(attributeValue: value) else { throw .malformedSetup }
        return setup
    }

    /// RFC 8839 §5: ufrag/pwd/options at media level, else session level; candidates at media level.
    /// (`SessionDescription.audioICEParameters` reads them from a description.)
    static func iceParameters(
        of media: MediaDescription, in description: SessionDescription
    ) throws(SDPNegotiationError) -> SDPICEParameters {
        let ufrag = media.attributeValue("ice-ufrag") ?? description.attributeValue("ice-ufrag")
        let pwd = media.attributeValue("ice-pwd") ?? description.attributeValue("ice-pwd")
        guard let ufrag, let pwd else { throw .missingICECredentials }
        let options = (media.attributeValue("ice-options") ?? description.attributeValue("ice-options"))
            .map { $0.split(separator: " ").map(String.init) } ?? []
        let parameters = SDPICEParameters(
            ufrag: ufrag, pwd: pwd, options: options, isLite: description.hasAttribute("ice-lite"),
            candidates: media.attributeValues("candidate").compactMap { $0 },
            endOfCandidates: media.hasAttribute("end-of-candidates") || description.hasAttribute("end-of-candidates"))
        guard parameters.hasValidCredentials else { throw .malformedICECredentials }
        return parameters
    }

    /// Our ICE and DTLS attributes for a WebRTC media section, before the codec attributes:
    /// `a=mid`, `a=ice-ufrag`, `a=ice-pwd`, `a=fingerprint`…, `a=setup`, `a=rtcp-mux`.
    func transportAttributes(
        _ transport: SDPWebRTCTransport, mid: String?, setup: SDPSetup
    ) -> [SDPAttribute] {
        var attributes: [SDPAttribute] = []
        if let mid { attributes.append(SDPAttribute("mid", mid)) }
        attributes.append(SDPAttribute("ice-ufrag", transport.iceUfrag))
        attributes.append(SDPAttribute("ice-pwd", transport.icePwd))
        for fingerprint in transport.fingerprints {
            attributes.append(SDPAttribute("fingerprint", fingerprint.attributeValue))
        }
        attributes.append(SDPAttribute("setup", setup.rawValue))
        attributes.append(SDPAttribute("rtcp-mux"))
        return attributes
    }

    /// What follows the codec attributes: `a=msid`, `a=ssrc … cname:`, our candidates and
    /// `a=end-of-candidates` (RFC 8840 §8.2: we never trickle).
    func sourceAndCandidateAttributes(_ transport: SDPWebRTCTransport) -> [SDPAttribute] {
        var attributes: [SDPAttribute] = []
        if let msid = transport.mediaStreamID { attributes.append(SDPAttribute("msid", msid)) }
        if let ssrc = transport.ssrc, let cname = transport.cname {
            attributes.append(SDPAttribute("ssrc", "\(ssrc) cname:\(cname)"))
        }
        for candidate in transport.candidateValues { attributes.append(SDPAttribute("candidate", candidate)) }
        attributes.append(SDPAttribute("end-of-candidates"))
        return attributes
    }

    /// Session-level attributes of a WebRTC description: `a=ice-lite` (RFC 8839 §5.3) and
    /// `a=group:BUNDLE <mid>` (RFC 8843 §7.3) for the one stream we accept or offer.
    func sessionAttributes(_ transport: SDPWebRTCTransport, bundle mid: String?) -> [SDPAttribute] {
        var attributes: [SDPAttribute] = []
        if transport.iceLite { attributes.append(SDPAttribute("ice-lite")) }
        if let mid { attributes.append(SDPAttribute("group", "BUNDLE \(mid)")) }
        return attributes
    }
}

extension SessionDescription {
    /// The ICE parameters of the first audio section (media level, else session level, RFC 8839 §5); `nil`
    /// without an audio section or valid credentials. A re-offer whose credentials differ from the ones known
    /// restarts ICE (RFC 8445 §9), and the answer must carry new local credentials.
    public var audioICEParameters: SDPICEParameters? {
        guard let audio = media.first(where: { $0.media == "audio" }) else { return nil }
        return try? SDPNegotiator.iceParameters(of: audio, in: self)
    }
}
