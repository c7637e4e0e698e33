import DTLS
import ICE
import SDP

/// Makes each call's browser-like offer with the project's SDP negotiator (UDP/TLS/RTP/SAVPF, Opus 111, rtcp-mux,
/// BUNDLE, our ICE credentials and host candidate, the fingerprint of the generator's certificate, setup:actpass)
/// and turns the answer into a ``CallPlan``.
struct Offerer {
    let localIP: String
    let fingerprint: SDPFingerprint

    struct Pending {
        var negotiator: SDPNegotiator
        var endpoint: UDPEndpoint
        var credentials: ICECredentials
        var offer: String
        var ssrc: UInt32
    }

    func offer(index: Int) throws -> Pending {
        let endpoint = try UDPEndpoint(bindingTo: localIP)
        let credentials = ICECredentials.generate()
        // Janus drops RTP whose SSRC the offer did not announce ("Unknown SSRC"), as browsers always announce it.
        let ssrc = UInt32.random(in: 1...UInt32.max)
        var negotiator = SDPNegotiator(configuration: .init(
            localAddress: localIP, telephoneEvent: nil, sessionID: String(UInt32.random(in: 1...UInt32.max)),
            sessionName: "-", webRTCCodecs: [.opus], webRTCTelephoneEvents: []))
        let transport = SDPWebRTCTransport(
            iceUfrag: credentials.ufrag, icePwd: credentials.pwd,
            candidates: ["1 1 udp 2130706431 \(localIP) \(endpoint.port) typ host"], fingerprints: [fingerprint],
            iceLite: false, mediaStreamID: "load\(index) audio\(index)", ssrc: ssrc, cname: "load\(index)")
        let offer = negotiator.makeOffer(localPort: endpoint.port, webRTC: transport)
        return Pending(negotiator: negotiator, endpoint: endpoint, credentials: credentials, offer: offer.serialize(), ssrc: ssrc)
    }

    func plan(index: Int, pending: Pending, answer text: String) throws -> CallPlan {
        var negotiator = pending.negotiator
        let media = try negotiator.receivedAnswer(SessionDescription(parsing: text))
        guard let webRTC = media.webRTC else { throw SignallingFailure("answer is not WebRTC") }
        var host = media.remoteAddress, port = media.remotePort
        let candidates = webRTC.remoteICE.candidates.compactMap { try? ICECandidate(parsing: $0) }
        if let candidate = candidates.first(where: { $0.isUDP && $0.componentID == 1 && $0.address.contains(".") }) {
            host = candidate.address
            port = candidate.port
        }
        return CallPlan(
            index: index, endpoint: pending.endpoint, remoteHost: host, remotePort: port,
            localUfrag: pending.credentials.ufrag, localPwd: pending.credentials.pwd,
            remoteUfrag: webRTC.remoteICE.ufrag, remotePwd: webRTC.remoteICE.pwd,
            role: webRTC.isDTLSClient ? .client : .server,
            remoteFingerprints: webRTC.remoteFingerprints.compactMap { DTLSFingerprint(attributeValue: $0.attributeValue) },
            payloadType: media.payloadType, ssrc: pending.ssrc,
            maxPlaybackRate: options.maxPlaybackRate == "ignore" ? 48000 : CallPlan.playbackRate(formatParameters: media.formatParameters))
    }
}
