import Foundation
import SwitchCore

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchboard-directory-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

func makeUser(_ id: String, domain: String = "example.com", variables: [String: String] = [:]) -> UserRecord {
    UserRecord(
        id: id, domain: domain, displayName: "User \(id)", ha1MD5: "md5-\(id)", ha1SHA256: "sha256-\(id)",
        vertoHash: "verto-\(id)", voicemailPIN: "1234", callerIDName: "Caller \(id)", callerIDNumber: id,
        context: "default", variables: variables)
}

/// Test instants are whole seconds, which the store keeps exactly (it rounds to milliseconds).
let epoch = Date(timeIntervalSince1970: 1_800_000_000)

func makeRegistration(
    _ user: String, domain: String = "example.com", contact: String, expiresIn seconds: TimeInterval,
    registeredAt: Date = epoch, qValue: Double? = nil
) -> Registration {
    Registration(
        user: user, domain: domain, contact: contact, expires: registeredAt.addingTimeInterval(seconds),
        callID: "call-\(contact)", cseq: 4_000_000_000, transport: "udp", sourceHost: "192.0.2.10",
        sourcePort: 5062, userAgent: "TestPhone/1.0", qValue: qValue, registeredAt: registeredAt)
}
