import DTLS
import Foundation
import Logging

/// The certificate and key for SIP over TLS (5061) and WSS (7443): the configured files, else a
/// self-signed pair generated into the data directory on first run and reused afterwards.
struct TLSIdentity {
    var certificatePEM: String
    var privateKeyPEM: String

    static func load(configuration: ServerConfiguration, dataDirectory: DataDirectory, domain: String, logger: Logger) throws -> TLSIdentity? {
        if let cert = configuration.sip.tlsCertificate, let key = configuration.sip.tlsPrivateKey {
            return TLSIdentity(
                certificatePEM: try String(contentsOfFile: cert, encoding: .utf8),
                privateKeyPEM: try String(contentsOfFile: key, encoding: .utf8))
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: dataDirectory.certificatePath), fm.fileExists(atPath: dataDirectory.privateKeyPath) {
            return TLSIdentity(
                certificatePEM: try String(contentsOfFile: dataDirectory.certificatePath, encoding: .utf8),
                privateKeyPEM: try String(contentsOfFile: dataDirectory.privateKeyPath, encoding: .utf8))
        }
        let generated = try SelfSignedCertificate.generate(commonName: domain, validDays: 3650)
        let wroteKey = fm.createFile(
            atPath: dataDirectory.privateKeyPath, contents: Data(generated.privateKeyPEM.utf8),
            attributes: [.posixPermissions: 0o600])
        let wroteCertificate = fm.createFile(
            atPath: dataDirectory.certificatePath, contents: Data(generated.certificatePEM.utf8))
        guard wroteKey && wroteCertificate else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: dataDirectory.certificatePath])
        }
        logger.info("generated a self-signed TLS certificate", metadata: [
            "path": "\(dataDirectory.certificatePath)", "sha256": "\(generated.fingerprintSHA256)"])
        return TLSIdentity(certificatePEM: generated.certificatePEM, privateKeyPEM: generated.privateKeyPEM)
    }
}
