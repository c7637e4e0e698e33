import DTLS
import Logging

extension SwitchboardServer {
    /// WebRTC legs use the TLS certificate as their DTLS identity (FreeSWITCH keeps a separate
    /// `dtls-srtp.pem`; one self-signed identity is enough here). Without a usable one, WebRTC offers get 488.
    static func webRTCSettings(_ tls: TLSIdentity?, logger: Logger) -> WebRTCLegSettings? {
        guard let tls else { return nil }
        do {
            let certificate = try SelfSignedCertificate(certificatePEM: tls.certificatePEM, privateKeyPEM: tls.privateKeyPEM)
            let settings = try WebRTCLegSettings(certificate: certificate, logger: logger)
            logger.info("WebRTC media enabled (DTLS identity loaded)", metadata: ["fingerprint": "\(settings.fingerprint.attributeValue)"])
            return settings
        } catch {
            logger.warning("no DTLS identity, WebRTC offers will be refused", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
