import Foundation
import Testing
import DTLS

/// A handshake with a real, independent DTLS peer: the `openssl` command line (`s_server` and
/// `s_client`) over UDP on 127.0.0.1, comparing our RFC 5764 keys with what OpenSSL prints for
/// `-keymatexport EXTRACTOR-dtls_srtp -keymatexportlen 60`.
private let openssl = "/usr/bin/openssl"

@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: openssl),
                             "needs the openssl command line tool at /usr/bin/openssl"))
struct DTLSOpenSSLInteropTests {
    private struct Peer {
        let process: Process
        let input: Pipe
        let output: Pipe
        let directory: URL
    }

    /// Starts `openssl s_server` (when we are the client) or `s_client` (when we are the server).
    private func launch(ourRole: DTLSRole, port: UInt16, certificate: SelfSignedCertificate) throws -> Peer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dtls-interop-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificatePath = directory.appendingPathComponent("cert.pem").path
        let keyPath = directory.appendingPathComponent("key.pem").path
        try certificate.certificatePEM.write(toFile: certificatePath, atomically: true, encoding: .utf8)
        try certificate.privateKeyPEM.write(toFile: keyPath, atomically: true, encoding: .utf8)
        let common = ["-dtls1_2", "-cert", certificatePath, "-key", keyPath, "-use_srtp", "SRTP_AES128_CM_SHA1_80",
                      "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "60"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        switch ourRole {
        case .client: process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-verify", "1", "-naccept", "1"] + common
        case .server: process.arguments = ["s_client", "-connect", "127.0.0.1:\(port)"] + common
        }
        let input = Pipe(), output = Pipe()
        process.standardInput = input   // kept open: EOF on stdin would end the session early
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return Peer(process: process, input: input, output: output, directory: directory)
    }

    /// Drives the association over the socket until it connects or fails (10 s at most).
    private func handshake(_ association: DTLSAssociation, _ socket: UDPTestSocket) -> [DTLSAssociation.Action] {
        var outcomes: [DTLSAssociation.Action] = []
        var deadline: ContinuousClock.Instant?
        func apply(_ actions: [DTLSAssociation.Action]) {
            for action in actions {
                switch action {
                case .transmit(let datagram): socket.send(datagram)
                case .scheduleTimeout(let at): deadline = at
                default: outcomes.append(action)
                }
            }
        }
        apply(association.start(now: .now))
        let giveUp = ContinuousClock.now + .seconds(10)
        while outcomes.isEmpty, ContinuousClock.now < giveUp {
            let wait = min(deadline ?? giveUp, giveUp) - ContinuousClock.now
            if let datagram = socket.receive(timeout: max(wait, .milliseconds(1))) {
                apply(association.receive(datagram, now: .now))
            } else {
                apply(association.handleTimeout(now: .now))
            }
        }
        return outcomes
    }

    /// Waits for the tool to exit (it does after close_notify) and returns what it printed.
    private func finish(_ peer: Peer) -> String {
        let giveUp = Date().addingTimeInterval(5)
        while peer.process.isRunning, Date() < giveUp { usleep(20_000) }
        if peer.process.isRunning { peer.process.terminate() }
        try? peer.input.fileHandleForWriting.close()
        let text = String(decoding: peer.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try? FileManager.default.removeItem(at: peer.directory)
        return text
    }

    @Test(arguments: [DTLSRole.client, .server])
    func handshakeWithOpenSSLCommandLineExportsTheSameKeys(ourRole: DTLSRole) throws {
        let ours = try SelfSignedCertificate.generate(commonName: "switchboard.test", validDays: 1)
        let theirs = try SelfSignedCertificate.generate(commonName: "openssl.test", validDays: 1)
        let socket = try UDPTestSocket()
        let port: UInt16
        switch ourRole {
        case .client:
            port = try UDPTestSocket.freePort()
            socket.peer = UDPTestSocket.loopback(port: port)
        case .server:
            port = socket.port   // s_client sends first; the socket learns its address
        }
        let peer = try launch(ourRole: ourRole, port: port, certificate: theirs)
        if ourRole == .client { usleep(300_000) }   // let s_server bind; retransmission covers the rest
        let association = try DTLSAssociation(
            role: ourRole, certificate: ours, remoteFingerprints: [DTLSFingerprint(attributeValue: theirs.sdpFingerprint)!],
            configuration: .init(initialRetransmissionTimeout: .milliseconds(200)))
        let outcomes = handshake(association, socket)
        for case .transmit(let datagram) in association.close(now: .now) { socket.send(datagram) }
        let printed = finish(peer)

        guard case .connected(let keys)? = outcomes.first else {
            Issue.record("no handshake: \(outcomes)\n\(printed)")
            return
        }
        #expect(keys.profile == .aes128CMHMACSHA1_80)
        #expect(printed.contains("SRTP Extension negotiated, profile=SRTP_AES128_CM_SHA1_80"))
        let material = switch ourRole {
        case .client: keys.localMasterKey + keys.remoteMasterKey + keys.localMasterSalt + keys.remoteMasterSalt
        case .server: keys.remoteMasterKey + keys.localMasterKey + keys.remoteMasterSalt + keys.localMasterSalt
        }
        let hex = material.map { String(format: "%02X", $0) }.joined()
        let line = printed.split(separator: "\n").first { $0.contains("Keying material: ") }
        #expect(line.map { String($0.split(separator: " ").last ?? "") } == hex, "openssl printed:\n\(printed)")
    }
}
