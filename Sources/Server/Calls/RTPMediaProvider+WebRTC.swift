import DTLS
import ICE
import Logging
import SDP
import SIPEndpoint
import STUN
import Transport

/// What every WebRTC leg of the server shares: the DTLS identity (the server's certificate, the one SIP TLS
/// and WSS use, in one `SSL_CTX`) and its fingerprint for SDP.
struct WebRTCLegSettings: Sendable {
    let context: DTLSContext
    let fingerprint: SDPFingerprint
    let logger: Logger

    init(certificate: SelfSignedCertificate, logger: Logger) throws {
        context = try DTLSContext(certificate: certificate)
        guard let fingerprint = SDPFingerprint(attributeValue: certificate.sdpFingerprint) else {
            throw DTLSFailure(.configuration, reason: "unusable certificate fingerprint \(certificate.sdpFingerprint)")
        }
        self.fingerprint = fingerprint
        self.logger = logger
    }
}

extension RTPMediaProvider {
    var supportsWebRTC: Bool { webRTC != nil }

    /// A WebRTC leg: an `RTPMediaLeg` over a `WebRTCTransport` on a port of the range, with fresh ICE
    /// credentials and our candidates.
    func openWebRTCLeg(uuid: String) async throws -> any SIPMediaLeg {
        guard let webRTC else { throw SIPMediaProviderError.webRTCUnsupported }
        let socket = try await RTPSocket.bind(group: group, host: bindAddress, pool: pool)
        var logger = webRTC.logger
        logger[metadataKey: "leg"] = "\(uuid)"
        let transport = WebRTCTransport(
            socket: socket,
            candidates: Self.candidates(bindAddress: bindAddress, advertisedAddress: advertisedAddress, port: socket.localPort),
            context: webRTC.context,
            fingerprint: webRTC.fingerprint, logger: logger)
        return RTPMediaLeg(
            socket: transport, address: advertisedAddress, bindHost: bindAddress, soundsDirectory: soundsDirectory,
            recordingsDirectory: recordingsDirectory)
    }

    /// Our ICE candidates: a host candidate on the bind address (the advertised one when we listen on every
    /// interface), and `ext_rtp_ip` as a server-reflexive candidate when it differs, as FreeSWITCH does.
    static func candidates(bindAddress: String, advertisedAddress: String, port: Int) -> [ICECandidate] {
        let udpPort = UInt16(clamping: port)
        let bound = IPAddress(bindAddress).flatMap { $0.isUnspecified ? nil : $0 }
        guard let hostIP = bound ?? IPAddress(advertisedAddress) else { return [] }
        let host = TransportAddress(ip: hostIP, port: udpPort)
        var candidates = [ICECandidate.host(host)]
        if let external = IPAddress(advertisedAddress), external != hostIP {
            candidates.append(.serverReflexive(TransportAddress(ip: external, port: udpPort), base: host))
        }
        return candidates
    }
}

extension IPAddress {
    /// 0.0.0.0 or :: (listen on every interface): not an address a peer can send to.
    var isUnspecified: Bool { octets.allSatisfy { $0 == 0 } }
}
