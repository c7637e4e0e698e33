import Foundation

/// The runtime state folder (default `./var`): SQLite store, certificates, recordings, voicemail.
/// Never inside the source tree's tracked files.
public struct DataDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var databasePath: String { path + "/switchboard.sqlite" }
    public var certificatePath: String { path + "/tls/cert.pem" }
    public var privateKeyPath: String { path + "/tls/key.pem" }
    /// Passwords of the users seeded on first start, readable only by the owner (mode 0600). They are
    /// kept here, outside the database, so `switchboard user list --show-passwords` can show them on
    /// this machine; a password changed with `user passwd` is removed from it.
    public var seededPasswordsPath: String { path + "/seeded-passwords" }
    /// Where `record` puts files given with a relative path.
    public var recordingsPath: String { path + "/recordings" }

    /// Creates the folder (and `tls/`) when missing.
    public func create() throws {
        try FileManager.default.createDirectory(atPath: path + "/tls", withIntermediateDirectories: true)
    }
}
